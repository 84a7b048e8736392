//! The rules of an agency's link to a client employer: the agency asks, the employer (or
//! an admin) accepts or declines. Pure: no database, no clock.

use crate::types::code_list;

code_list!(
    /// Where an agency's link to an employer stands. Only an accepted link lets the agency
    /// post for the employer and manage the vacancies it submitted for it.
    ClientStatus {
        Requested => "requested", "Waiting for the employer";
        Accepted => "accepted", "Accepted";
        Declined => "declined", "Declined";
    }
);

code_list!(
    /// What an employer (or an admin) answers to an agency's request.
    Decision {
        Accept => "accept", "Accept";
        Decline => "decline", "Decline";
    }
);

impl Decision {
    /// The status a link has once this answer is given.
    pub fn status(self) -> ClientStatus {
        match self {
            Decision::Accept => ClientStatus::Accepted,
            Decision::Decline => ClientStatus::Declined,
        }
    }
}

impl ClientStatus {
    /// The status after the agency asks (again): a declined link may be asked for again,
    /// an accepted or pending one stays as it is. `None` when nothing changes.
    pub fn after_asking(current: Option<ClientStatus>) -> Option<ClientStatus> {
        match current {
            None | Some(ClientStatus::Declined) => Some(ClientStatus::Requested),
            Some(ClientStatus::Requested | ClientStatus::Accepted) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asking_again_reopens_only_a_declined_link() {
        assert_eq!(
            ClientStatus::after_asking(None),
            Some(ClientStatus::Requested)
        );
        assert_eq!(
            ClientStatus::after_asking(Some(ClientStatus::Declined)),
            Some(ClientStatus::Requested)
        );
        assert_eq!(
            ClientStatus::after_asking(Some(ClientStatus::Requested)),
            None
        );
        assert_eq!(
            ClientStatus::after_asking(Some(ClientStatus::Accepted)),
            None
        );
    }

    #[test]
    fn each_answer_gives_its_status() {
        assert_eq!(Decision::Accept.status(), ClientStatus::Accepted);
        assert_eq!(Decision::Decline.status(), ClientStatus::Declined);
    }
}
