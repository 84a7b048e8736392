//! Where postcodes are, offline: every Greater London unit postcode and the sector and
//! district centroids of Great Britain (from OS Code-Point Open, shipped in
//! `reference/geodata/`), or the full GB unit table once `betterwork geodata import` has
//! built it into the data directory. Distances are great-circle (haversine).

pub mod api;
pub mod areas;
pub mod import;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use anyhow::{anyhow, Context};
use serde::Serialize;

use crate::error::AppError;
use crate::types::{code_list, Postcode};
use crate::web::capability::{no_links, no_routes, Capability};

pub const CAPABILITY: Capability = Capability {
    api: api::routes,
    pages: no_routes,
    navigation: no_links,
    openapi: || <Api as utoipa::OpenApi>::openapi(),
    templates: &[],
};

#[derive(utoipa::OpenApi)]
#[openapi(paths(api::locate_postcode))]
struct Api;

/// Mean Earth radius used for distances, in km.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// The attribution Code-Point Open's licence requires wherever distances are shown.
pub const ATTRIBUTION: [&str; 3] = [
    "Contains Ordnance Survey data © Crown copyright and database right 2025.",
    "Contains Royal Mail data © Royal Mail copyright and database right 2025.",
    "Contains National Statistics data © Crown copyright and database right 2025.",
];

const LONDON_UNITS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/reference/geodata/london_postcodes.csv.gz"
));
const GB_SECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/reference/geodata/gb_sector_centroids.csv"
));
const GB_DISTRICTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/reference/geodata/gb_district_centroids.csv"
));

/// A point on the map, in decimal degrees (WGS84/ETRS89).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

code_list!(
    /// How exactly a postcode was placed.
    Precision {
        Unit => "unit", "The postcode itself";
        Sector => "sector", "The middle of its postcode sector";
        District => "district", "The middle of its postcode district";
    }
);

/// A located postcode.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Location {
    #[schema(value_type = String)]
    pub postcode: Postcode,
    pub latitude: f64,
    pub longitude: f64,
    pub precision: Precision,
    pub in_greater_london: bool,
}

#[derive(Debug, Clone, Copy)]
struct Place {
    point: Point,
    in_greater_london: bool,
}

/// The lookup tables.
#[derive(Debug, Default)]
pub struct Gazetteer {
    units: HashMap<Box<str>, Place>,
    sectors: HashMap<Box<str>, Place>,
    districts: HashMap<Box<str>, Place>,
}

fn read_places(text: &str, what: &str, map: &mut HashMap<Box<str>, Place>) -> anyhow::Result<()> {
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.is_empty() {
            continue;
        }
        let mut fields = line.split(',');
        let mut next = || {
            fields
                .next()
                .ok_or_else(|| anyhow!("{what}, line {}: too few columns", n + 1))
        };
        let code = next()?;
        let latitude: f64 = next()?
            .parse()
            .with_context(|| format!("{what}, line {}: latitude", n + 1))?;
        let longitude: f64 = next()?
            .parse()
            .with_context(|| format!("{what}, line {}: longitude", n + 1))?;
        // Unit tables have no `units` column; centroid tables do, before the London flag.
        let rest: Vec<&str> = std::iter::from_fn(|| fields.next()).collect();
        let in_greater_london = match rest.last() {
            Some(&"1") => true,
            Some(&"0") => false,
            other => {
                return Err(anyhow!(
                    "{what}, line {}: in_greater_london is {other:?}",
                    n + 1
                ))
            }
        };
        map.insert(
            code.into(),
            Place {
                point: Point {
                    latitude,
                    longitude,
                },
                in_greater_london,
            },
        );
    }
    Ok(())
}

impl Gazetteer {
    /// The shipped tables, plus the full GB unit table when one was imported into `data_dir`.
    pub fn load(data_dir: Option<&Path>) -> anyhow::Result<Gazetteer> {
        let mut gazetteer = Gazetteer::default();
        let mut units = String::new();
        flate2::read::GzDecoder::new(LONDON_UNITS)
            .read_to_string(&mut units)
            .context("reading the shipped London postcode table")?;
        read_places(&units, "london_postcodes.csv", &mut gazetteer.units)?;
        read_places(
            GB_SECTORS,
            "gb_sector_centroids.csv",
            &mut gazetteer.sectors,
        )?;
        read_places(
            GB_DISTRICTS,
            "gb_district_centroids.csv",
            &mut gazetteer.districts,
        )?;
        if let Some(path) = data_dir.map(imported_table).filter(|p| p.exists()) {
            let mut text = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path)?)
                .read_to_string(&mut text)
                .with_context(|| format!("reading {}", path.display()))?;
            read_places(&text, "gb_postcodes.csv", &mut gazetteer.units)?;
        }
        Ok(gazetteer)
    }

    /// Unit postcodes known exactly.
    pub fn unit_count(&self) -> usize {
        self.units.len()
    }

    /// Places a postcode: the unit itself, else its sector's centroid, else its district's.
    /// A postcode whose district is unknown is an error naming `field`, never (0, 0).
    pub fn locate(&self, postcode: &Postcode, field: &str) -> Result<Location, AppError> {
        let found = [
            (self.units.get(postcode.as_str()), Precision::Unit),
            (self.sectors.get(postcode.sector()), Precision::Sector),
            (self.districts.get(postcode.district()), Precision::District),
        ]
        .into_iter()
        .find_map(|(place, precision)| place.map(|p| (*p, precision)));
        let (place, precision) = found.ok_or_else(|| {
            AppError::invalid(
                field,
                format!("{field}: we cannot find where {postcode} is: its district {} is not a Great Britain postcode district.", postcode.district()),
            )
        })?;
        Ok(Location {
            postcode: postcode.clone(),
            latitude: place.point.latitude,
            longitude: place.point.longitude,
            precision,
            in_greater_london: place.in_greater_london,
        })
    }
}

/// Where `betterwork geodata import` puts the full GB unit table.
pub fn imported_table(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("geodata").join("gb_postcodes.csv.gz")
}

static SHIPPED: OnceLock<Result<Arc<Gazetteer>, String>> = OnceLock::new();

/// The gazetteer for this process, built once (it is read-only reference data).
pub fn gazetteer(data_dir: &Path) -> anyhow::Result<Arc<Gazetteer>> {
    SHIPPED
        .get_or_init(|| {
            Gazetteer::load(Some(data_dir))
                .map(Arc::new)
                .map_err(|e| format!("{e:#}"))
        })
        .clone()
        .map_err(|e| anyhow!(e))
}

/// Great-circle distance in km between two points.
pub fn haversine_km(a: Point, b: Point) -> f64 {
    let (phi1, phi2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let d_phi = phi2 - phi1;
    let d_lambda = (b.longitude - a.longitude).to_radians();
    let h = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

impl Location {
    pub fn point(&self) -> Point {
        Point {
            latitude: self.latitude,
            longitude: self.longitude,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTORS: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/distance_vectors.csv"
    ));

    fn shipped() -> Gazetteer {
        Gazetteer::load(None).unwrap()
    }

    fn postcode(raw: &str) -> Postcode {
        Postcode::parse(raw, "postcode").unwrap()
    }

    #[test]
    fn distances_match_the_vectors_and_the_tables_give_their_coordinates() {
        let gazetteer = shipped();
        let mut checked = 0;
        for line in VECTORS.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let number = |i: usize| f[i].parse::<f64>().unwrap();
            let (a, b) = (
                Point {
                    latitude: number(3),
                    longitude: number(4),
                },
                Point {
                    latitude: number(5),
                    longitude: number(6),
                },
            );
            let expected = number(7);
            let ours = haversine_km(a, b);
            assert!((ours - expected).abs() <= 0.0005 + 1e-9, "{line}: {ours}");
            if f[0] != "gb_sector_centroid" {
                let located = gazetteer.locate(&postcode(f[1]), "a").unwrap();
                assert_eq!(located.precision, Precision::Unit, "{}", f[1]);
                assert_eq!(located.point(), a, "{}", f[1]);
            }
            checked += 1;
        }
        assert_eq!(checked, 200);
    }

    #[test]
    fn an_unknown_unit_falls_back_to_its_sector_then_its_district() {
        let gazetteer = shipped();
        let unit = gazetteer.locate(&postcode("SW9 8QE"), "p").unwrap();
        assert_eq!(unit.precision, Precision::Unit);
        assert!(unit.in_greater_london);
        // Manchester is outside the London table: its sector centroid answers.
        let sector = gazetteer.locate(&postcode("M1 1AE"), "p").unwrap();
        assert_eq!(sector.precision, Precision::Sector);
        assert!(!sector.in_greater_london);
        assert!((sector.latitude - 53.48).abs() < 0.1, "{sector:?}");
        // A sector that does not exist in a real district: the district centroid.
        let district = gazetteer.locate(&postcode("SW9 3ZZ"), "p").unwrap();
        assert_eq!(district.precision, Precision::District);
        // A district that does not exist is an error naming the field, never (0, 0).
        let err = gazetteer
            .locate(&postcode("QQ9 9QQ"), "postcode")
            .unwrap_err();
        assert_eq!(err.field(), Some("postcode"));
    }

    #[test]
    fn the_shipped_tables_hold_every_london_unit() {
        assert_eq!(shipped().unit_count(), 217_286);
    }
}
