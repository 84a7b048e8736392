//! Where a postcode is, in words: the name of its postcode area (the letters it starts
//! with). The Code-Point Open data we ship has coordinates but no place names, and people
//! read "BR6, Bromley area" more easily than a bare district. The 124 areas of the UK (and
//! the Crown dependencies) are a fixed, public list; London's eight areas all read "London".

/// Postcode areas and their names, as Royal Mail's areas are commonly named.
#[rustfmt::skip]
const AREAS: [(&str, &str); 124] = [
    ("AB", "Aberdeen"), ("AL", "St Albans"), ("B", "Birmingham"), ("BA", "Bath"),
    ("BB", "Blackburn"), ("BD", "Bradford"), ("BH", "Bournemouth"), ("BL", "Bolton"),
    ("BN", "Brighton"), ("BR", "Bromley"), ("BS", "Bristol"), ("BT", "Belfast"),
    ("CA", "Carlisle"), ("CB", "Cambridge"), ("CF", "Cardiff"), ("CH", "Chester"),
    ("CM", "Chelmsford"), ("CO", "Colchester"), ("CR", "Croydon"), ("CT", "Canterbury"),
    ("CV", "Coventry"), ("CW", "Crewe"), ("DA", "Dartford"), ("DD", "Dundee"),
    ("DE", "Derby"), ("DG", "Dumfries"), ("DH", "Durham"), ("DL", "Darlington"),
    ("DN", "Doncaster"), ("DT", "Dorchester"), ("DY", "Dudley"), ("E", "London"),
    ("EC", "London"), ("EH", "Edinburgh"), ("EN", "Enfield"), ("EX", "Exeter"),
    ("FK", "Falkirk"), ("FY", "Blackpool"), ("G", "Glasgow"), ("GL", "Gloucester"),
    ("GU", "Guildford"), ("GY", "Guernsey"), ("HA", "Harrow"), ("HD", "Huddersfield"),
    ("HG", "Harrogate"), ("HP", "Hemel Hempstead"), ("HR", "Hereford"),
    ("HS", "Outer Hebrides"), ("HU", "Hull"), ("HX", "Halifax"), ("IG", "Ilford"),
    ("IM", "Isle of Man"), ("IP", "Ipswich"), ("IV", "Inverness"), ("JE", "Jersey"),
    ("KA", "Kilmarnock"), ("KT", "Kingston upon Thames"), ("KW", "Kirkwall"),
    ("KY", "Kirkcaldy"), ("L", "Liverpool"), ("LA", "Lancaster"),
    ("LD", "Llandrindod Wells"), ("LE", "Leicester"), ("LL", "Llandudno"),
    ("LN", "Lincoln"), ("LS", "Leeds"), ("LU", "Luton"), ("M", "Manchester"),
    ("ME", "Rochester"), ("MK", "Milton Keynes"), ("ML", "Motherwell"), ("N", "London"),
    ("NE", "Newcastle upon Tyne"), ("NG", "Nottingham"), ("NN", "Northampton"),
    ("NP", "Newport"), ("NR", "Norwich"), ("NW", "London"), ("OL", "Oldham"),
    ("OX", "Oxford"), ("PA", "Paisley"), ("PE", "Peterborough"), ("PH", "Perth"),
    ("PL", "Plymouth"), ("PO", "Portsmouth"), ("PR", "Preston"), ("RG", "Reading"),
    ("RH", "Redhill"), ("RM", "Romford"), ("S", "Sheffield"), ("SA", "Swansea"),
    ("SE", "London"), ("SG", "Stevenage"), ("SK", "Stockport"), ("SL", "Slough"),
    ("SM", "Sutton"), ("SN", "Swindon"), ("SO", "Southampton"), ("SP", "Salisbury"),
    ("SR", "Sunderland"), ("SS", "Southend-on-Sea"), ("ST", "Stoke-on-Trent"),
    ("SW", "London"), ("SY", "Shrewsbury"), ("TA", "Taunton"), ("TD", "Galashiels"),
    ("TF", "Telford"), ("TN", "Tonbridge"), ("TQ", "Torquay"), ("TR", "Truro"),
    ("TS", "Cleveland"), ("TW", "Twickenham"), ("UB", "Southall"), ("W", "London"),
    ("WA", "Warrington"), ("WC", "London"), ("WD", "Watford"), ("WF", "Wakefield"),
    ("WN", "Wigan"), ("WR", "Worcester"), ("WS", "Walsall"), ("WV", "Wolverhampton"),
    ("YO", "York"), ("ZE", "Shetland"),
];

/// The name of the postcode area a district (`SW9`, `BR6`) is in, if it is a known area.
pub fn area_name(district: &str) -> Option<&'static str> {
    let letters: String = district
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase();
    AREAS
        .iter()
        .find(|(code, _)| *code == letters)
        .map(|(_, name)| *name)
}

/// A district with its place, as the jobs pages show it: "London SW9" (London's districts
/// are written that way on letters), "BR6, Bromley area" elsewhere, the bare district when
/// the area is unknown.
pub fn place_of(district: &str) -> String {
    match area_name(district) {
        Some("London") => format!("London {district}"),
        Some(name) => format!("{district}, {name} area"),
        None => district.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_read_with_their_place() {
        assert_eq!(place_of("SW9"), "London SW9");
        assert_eq!(place_of("EC1A"), "London EC1A");
        assert_eq!(place_of("BR6"), "BR6, Bromley area");
        assert_eq!(place_of("B1"), "B1, Birmingham area");
        assert_eq!(place_of("ZZ9"), "ZZ9");
    }

    #[test]
    fn every_area_is_listed_once() {
        let mut codes: Vec<&str> = AREAS.iter().map(|(code, _)| *code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AREAS.len());
        assert!(codes.iter().all(|c| (1..=2).contains(&c.len())));
    }
}
