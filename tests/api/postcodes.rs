//! `GET /api/v1/postcodes/{postcode}`.

use serde_json::{json, Value};

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_postcode_is_located_with_its_precision_and_london_flag() {
    let app = spawn_app().await;
    let unit: Value = app
        .get("/api/v1/postcodes/sw98qe", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unit["postcode"], "SW9 8QE");
    assert_eq!(unit["precision"], "unit");
    assert_eq!(unit["in_greater_london"], true);
    let sector: Value = app
        .get("/api/v1/postcodes/M1%201AE", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sector["precision"], "sector");
    assert_eq!(sector["in_greater_london"], false);

    let unknown = app.get("/api/v1/postcodes/QQ9%209QQ", None).await;
    assert_eq!(unknown.status(), 404);
    let malformed = app.get("/api/v1/postcodes/not-a-postcode", None).await;
    assert_eq!(malformed.status(), 422);
    let body: Value = malformed.json().await.unwrap();
    assert_eq!(body["error"]["field"], json!("postcode"));
}

#[tokio::test]
async fn the_about_page_carries_the_ordnance_survey_attribution() {
    let app = spawn_app().await;
    let html = app.get("/about", None).await.text().await.unwrap();
    for line in betterwork::geo::ATTRIBUTION {
        assert!(
            html.contains(&line.replace('©', "&copy;")) || html.contains(line),
            "{line}"
        );
    }
    assert!(html.contains("open-government-licence/version/3"));
}
