//! What every authenticated request pays: checking its session token, asking the policy,
//! and (at log-in only) checking a password.

use betterwork::access::tokens::SessionKeys;
use betterwork::access::{hash_password, policy, verify_password, Actor, OrganisationSummary};
use betterwork::config::Secret;
use betterwork::types::{Approval, OrganisationId, OrganisationKind, Role, UserId};
use chrono::{Duration, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn tokens(c: &mut Criterion) {
    let keys = SessionKeys::new(
        &Secret::new("a-benchmark-secret-of-at-least-32-characters"),
        Duration::hours(8),
    );
    let user = UserId::generate();
    let token = keys
        .issue(&user, Utc::now(), Duration::hours(8))
        .unwrap()
        .token;
    c.bench_function("session token: issue", |b| {
        b.iter(|| {
            keys.issue(black_box(&user), Utc::now(), Duration::hours(8))
                .unwrap()
        })
    });
    c.bench_function("session token: verify", |b| {
        let now = Utc::now();
        b.iter(|| keys.verify(black_box(&token), now).unwrap())
    });
}

fn access_policy(c: &mut Criterion) {
    let actor = Actor {
        user_id: UserId::generate(),
        email: "adviser@provider.example".into(),
        display_name: "Adviser".into(),
        role: Role::Adviser,
        organisation: OrganisationSummary {
            id: OrganisationId::generate(),
            name: "Provider".into(),
            kind: OrganisationKind::Provider,
            approval: Approval::Approved,
        },
        session_id: "session".into(),
        ip: None,
    };
    let other = OrganisationId::generate();
    c.bench_function("policy: read another organisation", |b| {
        b.iter(|| policy::may_read_organisation(black_box(&actor), black_box(&other)).is_err())
    });
}

fn passwords(c: &mut Criterion) {
    let hash = hash_password("correct horse battery staple").unwrap();
    let mut group = c.benchmark_group("log-in");
    group.sample_size(20);
    group.bench_function("password: verify (argon2id)", |b| {
        b.iter(|| verify_password(black_box("correct horse battery staple"), Some(&hash)))
    });
    group.finish();
}

criterion_group!(benches, tokens, access_policy, passwords);
criterion_main!(benches);
