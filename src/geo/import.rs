//! `betterwork geodata import`: builds the full Great Britain unit postcode table from
//! OS Code-Point Open (`codepo_gb.zip`, or its unpacked folder), converting OSGB36 national
//! grid eastings and northings to latitude and longitude.
//!
//! The conversion is the Ordnance Survey's 7-parameter Helmert transformation (OSGB36 to
//! WGS84), accurate to a few metres (about 1.7 m on average against OSTN15 across
//! Code-Point Open; 4.7 m at worst): ample for travel distances, and it needs no grid file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use anyhow::{anyhow, Context};

use crate::types::Postcode;

/// Latitude and longitude (degrees, WGS84) of an OSGB36 national grid point.
pub fn osgb36_to_wgs84(easting: f64, northing: f64) -> (f64, f64) {
    // Airy 1830 ellipsoid and the National Grid's transverse Mercator projection.
    let (a, b) = (6_377_563.396, 6_356_256.909);
    let f0 = 0.999_601_271_7;
    let (lat0, lon0) = (49f64.to_radians(), (-2f64).to_radians());
    let (n0, e0) = (-100_000.0, 400_000.0);
    let e2 = 1.0 - (b * b) / (a * a);
    let n = (a - b) / (a + b);
    let meridional = |lat: f64| {
        let (n2, n3) = (n * n, n * n * n);
        b * f0
            * ((1.0 + n + 1.25 * n2 + 1.25 * n3) * (lat - lat0)
                - (3.0 * n + 3.0 * n2 + 2.625 * n3) * (lat - lat0).sin() * (lat + lat0).cos()
                + (1.875 * n2 + 1.875 * n3)
                    * (2.0 * (lat - lat0)).sin()
                    * (2.0 * (lat + lat0)).cos()
                - (35.0 / 24.0) * n3 * (3.0 * (lat - lat0)).sin() * (3.0 * (lat + lat0)).cos())
    };
    let mut lat = lat0;
    let mut m = 0.0;
    while (northing - n0 - m).abs() >= 0.000_01 {
        lat += (northing - n0 - m) / (a * f0);
        m = meridional(lat);
    }
    let (sin, cos, tan) = (lat.sin(), lat.cos(), lat.tan());
    let nu = a * f0 / (1.0 - e2 * sin * sin).sqrt();
    let rho = a * f0 * (1.0 - e2) / (1.0 - e2 * sin * sin).powf(1.5);
    let eta2 = nu / rho - 1.0;
    let sec = 1.0 / cos;
    let vii = tan / (2.0 * rho * nu);
    let viii =
        tan / (24.0 * rho * nu.powi(3)) * (5.0 + 3.0 * tan * tan + eta2 - 9.0 * tan * tan * eta2);
    let ix = tan / (720.0 * rho * nu.powi(5)) * (61.0 + 90.0 * tan * tan + 45.0 * tan.powi(4));
    let x = sec / nu;
    let xi = sec / (6.0 * nu.powi(3)) * (nu / rho + 2.0 * tan * tan);
    let xii = sec / (120.0 * nu.powi(5)) * (5.0 + 28.0 * tan * tan + 24.0 * tan.powi(4));
    let xiia = sec / (5040.0 * nu.powi(7))
        * (61.0 + 662.0 * tan * tan + 1320.0 * tan.powi(4) + 720.0 * tan.powi(6));
    let de = easting - e0;
    let lat_osgb = lat - vii * de.powi(2) + viii * de.powi(4) - ix * de.powi(6);
    let lon_osgb = lon0 + x * de - xi * de.powi(3) + xii * de.powi(5) - xiia * de.powi(7);

    // To Cartesian on Airy 1830, Helmert to WGS84, back to geodetic on GRS80/WGS84.
    let nu = a / (1.0 - e2 * lat_osgb.sin().powi(2)).sqrt();
    let (x1, y1, z1) = (
        nu * lat_osgb.cos() * lon_osgb.cos(),
        nu * lat_osgb.cos() * lon_osgb.sin(),
        (1.0 - e2) * nu * lat_osgb.sin(),
    );
    let s = 20.4894e-6;
    let (tx, ty, tz) = (446.448, -125.157, 542.060);
    let arcsec = |v: f64| (v / 3600.0).to_radians();
    let (rx, ry, rz) = (arcsec(0.1502), arcsec(0.2470), arcsec(0.8421));
    let x2 = tx + (1.0 + s) * x1 - rz * y1 + ry * z1;
    let y2 = ty + rz * x1 + (1.0 + s) * y1 - rx * z1;
    let z2 = tz - ry * x1 + rx * y1 + (1.0 + s) * z1;
    let (a2, b2) = (6_378_137.0, 6_356_752.314_245);
    let e2w = 1.0 - (b2 * b2) / (a2 * a2);
    let p = (x2 * x2 + y2 * y2).sqrt();
    let mut lat = z2.atan2(p * (1.0 - e2w));
    loop {
        let nu = a2 / (1.0 - e2w * lat.sin().powi(2)).sqrt();
        let next = (z2 + e2w * nu * lat.sin()).atan2(p);
        if (next - lat).abs() < 1e-12 {
            lat = next;
            break;
        }
        lat = next;
    }
    (lat.to_degrees(), y2.atan2(x2).to_degrees())
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct GeodataReport {
    pub files: usize,
    pub postcodes: usize,
    pub without_coordinates: usize,
    pub in_greater_london: usize,
}

/// Reads Code-Point Open rows (`"PC",PQ,EA,NO,"CY","RH","LH","CC","DC","WC"`, no header)
/// and writes `postcode,latitude,longitude,in_greater_london` lines.
fn convert(
    source: impl BufRead,
    out: &mut impl Write,
    report: &mut GeodataReport,
) -> anyhow::Result<()> {
    for (n, line) in source.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(|f| f.trim_matches('"')).collect();
        if fields.len() < 9 {
            return Err(anyhow!(
                "line {}: expected Code-Point Open columns, found {:?}",
                n + 1,
                line
            ));
        }
        let postcode =
            Postcode::parse(fields[0], "postcode").map_err(|e| anyhow!("line {}: {e}", n + 1))?;
        let quality: u32 = fields[1].parse().unwrap_or(90);
        let (easting, northing): (f64, f64) = (
            fields[2].parse().unwrap_or(0.0),
            fields[3].parse().unwrap_or(0.0),
        );
        if quality >= 90 || (easting == 0.0 && northing == 0.0) {
            report.without_coordinates += 1;
            continue;
        }
        let (lat, lon) = osgb36_to_wgs84(easting, northing);
        // Administrative district codes E09… are the London boroughs and the City.
        let london = fields[8].starts_with("E09");
        report.in_greater_london += usize::from(london);
        report.postcodes += 1;
        writeln!(out, "{postcode},{lat:.6},{lon:.6},{}", u8::from(london))?;
    }
    Ok(())
}

/// Builds `DATA_DIR/geodata/gb_postcodes.csv.gz` from a Code-Point Open zip or folder.
pub fn import(
    source: &Path,
    data_dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> anyhow::Result<GeodataReport> {
    let target = super::imported_table(data_dir);
    std::fs::create_dir_all(target.parent().unwrap_or(data_dir))?;
    let partial = target.with_extension("partial");
    let file = std::fs::File::create(&partial)
        .with_context(|| format!("creating {}", partial.display()))?;
    let mut out = std::io::BufWriter::new(flate2::write::GzEncoder::new(
        file,
        flate2::Compression::default(),
    ));
    writeln!(out, "postcode,latitude,longitude,in_greater_london")?;
    let mut report = GeodataReport::default();
    if source.is_dir() {
        let dir = source.join("Data").join("CSV");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        files.sort();
        for (i, path) in files.iter().enumerate() {
            convert(
                BufReader::new(std::fs::File::open(path)?),
                &mut out,
                &mut report,
            )
            .with_context(|| path.display().to_string())?;
            report.files += 1;
            progress(i + 1, files.len());
        }
    } else {
        let mut archive = zip::ZipArchive::new(
            std::fs::File::open(source).with_context(|| format!("opening {}", source.display()))?,
        )
        .with_context(|| format!("{} is not a zip file", source.display()))?;
        let names: Vec<String> = archive
            .file_names()
            .filter(|n| n.starts_with("Data/CSV/") && n.ends_with(".csv"))
            .map(str::to_string)
            .collect();
        for (i, name) in names.iter().enumerate() {
            let mut entry = archive.by_name(name)?;
            let mut text = String::new();
            entry.read_to_string(&mut text)?;
            convert(text.as_bytes(), &mut out, &mut report).with_context(|| name.clone())?;
            report.files += 1;
            progress(i + 1, names.len());
        }
    }
    if report.files == 0 {
        return Err(anyhow!(
            "{} holds no Code-Point Open Data/CSV/*.csv files",
            source.display()
        ));
    }
    out.into_inner()
        .map_err(|e| anyhow!("writing the table: {e}"))?
        .finish()?
        .sync_all()?;
    std::fs::rename(&partial, &target)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{haversine_km, Point};

    #[test]
    fn buckingham_palace_lands_within_metres_of_its_ostn15_position() {
        // SW1A 1AA in Code-Point Open: 529090, 179645; OSTN15 gives 51.501010, -0.141563.
        let (lat, lon) = osgb36_to_wgs84(529_090.0, 179_645.0);
        let metres = haversine_km(
            Point {
                latitude: lat,
                longitude: lon,
            },
            Point {
                latitude: 51.50101,
                longitude: -0.141563,
            },
        ) * 1000.0;
        assert!(metres < 10.0, "{lat},{lon} is {metres:.1} m off");
    }

    #[test]
    fn a_code_point_folder_becomes_a_table_the_gazetteer_reads() {
        let dir = tempfile::tempdir().unwrap();
        let csv_dir = dir.path().join("codepo").join("Data").join("CSV");
        std::fs::create_dir_all(&csv_dir).unwrap();
        std::fs::write(
            csv_dir.join("sw.csv"),
            "\"SW1A 1AA\",10,529090,179645,\"E92000001\",\"E19000003\",\"E18000007\",\"\",\"E09000033\",\"E05013806\"\n\
             \"SW1A 0XX\",90,0,0,\"E92000001\",\"\",\"\",\"\",\"\",\"\"\n",
        )
        .unwrap();
        std::fs::write(
            csv_dir.join("m.csv"),
            "\"M1 1AE\",10,384700,398200,\"E92000001\",\"\",\"\",\"\",\"E08000003\",\"\"\n",
        )
        .unwrap();
        let data = dir.path().join("data");
        let report = import(&dir.path().join("codepo"), &data, |_, _| {}).unwrap();
        assert_eq!(
            report,
            GeodataReport {
                files: 2,
                postcodes: 2,
                without_coordinates: 1,
                in_greater_london: 1
            }
        );
        let gazetteer = crate::geo::Gazetteer::load(Some(&data)).unwrap();
        let manchester = gazetteer
            .locate(&Postcode::parse("M1 1AE", "p").unwrap(), "p")
            .unwrap();
        assert_eq!(manchester.precision, crate::geo::Precision::Unit);
        assert!(!manchester.in_greater_london);
    }
}
