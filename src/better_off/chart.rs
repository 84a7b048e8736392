//! The chart of net household income against weekly hours, drawn on the server as SVG so
//! the taper and the cliff edges show without JavaScript.

use plotters::prelude::*;

use crate::types::Pence;

/// One line on the chart: its label and (whole weekly hours, monthly net income) points.
pub struct Line<'a> {
    pub label: &'a str,
    pub points: &'a [(i32, Pence)],
}

const CURRENT_COLOUR: RGBColor = RGBColor(80, 90, 95);
const OFFER_COLOUR: RGBColor = RGBColor(11, 93, 75);

/// Draws the current-pay and offered-pay lines, marking the hours of each situation.
pub fn income_by_hours_svg(
    current: Line<'_>,
    offer: Line<'_>,
    marks: (f64, f64),
) -> Result<String, String> {
    let mut svg = String::new();
    {
        // Plotting needs floats; money stays exact everywhere else.
        let pounds = |p: Pence| p.get() as f64 / 100.0;
        let all = current.points.iter().chain(offer.points);
        let max_hours = f64::from(all.clone().map(|(h, _)| *h).max().unwrap_or(48).max(1));
        let top = all.clone().map(|(_, p)| pounds(*p)).fold(0.0, f64::max);
        let bottom = all.map(|(_, p)| pounds(*p)).fold(0.0, f64::min);
        let headroom = ((top - bottom) * 0.08).max(50.0);
        let root = SVGBackend::with_string(&mut svg, (720, 400)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(0.0..max_hours, (bottom - headroom).min(0.0)..top + headroom)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc("Hours a week")
            .y_desc("Household income a month, after costs (£)")
            .y_label_formatter(&|v| format!("£{v:.0}"))
            .x_label_formatter(&|v| format!("{v:.0}"))
            .light_line_style(RGBColor(235, 238, 237))
            .draw()
            .map_err(|e| e.to_string())?;
        for (line, colour) in [(&current, CURRENT_COLOUR), (&offer, OFFER_COLOUR)] {
            chart
                .draw_series(LineSeries::new(
                    line.points.iter().map(|(h, p)| (f64::from(*h), pounds(*p))),
                    colour.stroke_width(3),
                ))
                .map_err(|e| e.to_string())?
                .label(line.label)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(3))
                });
        }
        for (hours, colour) in [(marks.0, CURRENT_COLOUR), (marks.1, OFFER_COLOUR)] {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![
                        (hours, (bottom - headroom).min(0.0)),
                        (hours, top + headroom),
                    ],
                    colour.stroke_width(1),
                )))
                .map_err(|e| e.to_string())?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(200, 208, 205))
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_is_an_svg_with_both_lines_labelled() {
        let line = |per_hour: i64| -> Vec<(i32, Pence)> {
            (0..=48)
                .map(|h| (h, Pence::new(100_000 + i64::from(h) * per_hour)))
                .collect()
        };
        let (current, offer) = (line(1_000), line(2_000));
        let svg = income_by_hours_svg(
            Line {
                label: "At your current pay",
                points: &current,
            },
            Line {
                label: "At the offered pay",
                points: &offer,
            },
            (16.0, 30.0),
        )
        .unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("At the offered pay") && svg.contains("Hours a week"));
        assert!(svg.matches("<polyline").count() >= 2, "{svg}");
    }
}
