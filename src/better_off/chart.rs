//! The chart of money left each month against weekly hours, drawn on the server as SVG so
//! the taper and the cliff edges show without JavaScript. Made for everyone: it is an image
//! with a title and a description in words, its two lines differ in style and markers as
//! well as colour, a legend names them, and its text stays readable on a phone.

use std::fmt::Write;

use crate::types::{Pence, WeeklyHours};

/// One line on the chart: its label and (whole weekly hours, monthly money left) points.
pub struct Line<'a> {
    pub label: &'a str,
    pub points: &'a [(i32, Pence)],
}

/// A situation marked on its line: the hours worked and the money left.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    pub hours: WeeklyHours,
    pub net: Pence,
}

/// The drawing's own units. The SVG scales to its box: a 360 px phone leaves it about
/// 270 px, where one of 400 units is 0.675 px, so 21-unit text is over 14 px (and 16 px
/// on a 390 px phone).
const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 356.0;
pub const FONT_SIZE: f64 = 21.0;
// In the 270 px a 360 px phone leaves the chart, text is still 14 px or more.
const _: () = assert!(FONT_SIZE * 270.0 / WIDTH >= 14.0);
const PLOT_LEFT: f64 = 84.0;
const PLOT_RIGHT: f64 = 386.0;
const PLOT_TOP: f64 = 110.0;
const PLOT_BOTTOM: f64 = 284.0;

/// The current pay's line is solid with round markers, the offer's dashed with squares.
const CURRENT_COLOUR: &str = "#383f43";
const OFFER_COLOUR: &str = "#0b5d4b";
const OFFER_DASH: &str = "9 6";
/// A marker every this many hours along each line.
const MARKER_EVERY: i32 = 4;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Whole pounds as people read them: £1,500, -£20.
fn whole_pounds(pounds: i64) -> String {
    let text = Pence::new(pounds * 100).to_string();
    text.strip_suffix(".00").unwrap_or(&text).to_string()
}

/// Where the y axis runs and its tick step, in whole pounds: from zero (or below, for a
/// loss) to above the highest point, in four to six steps.
fn money_scale(lowest: Pence, highest: Pence) -> (i64, i64, i64) {
    let low = (lowest.get().min(0) as f64 / 100.0).floor() as i64;
    let high = ((highest.get().max(0) as f64 / 100.0).ceil() as i64).max(low + 100);
    let span = high - low;
    let step = [
        50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 50_000, 100_000,
    ]
    .into_iter()
    .find(|step| span / step <= 5)
    .unwrap_or(span / 5 + 1);
    let bottom = low.div_euclid(step) * step;
    let top = (high + step - 1).div_euclid(step) * step;
    (bottom, top.max(bottom + step), step)
}

/// The chart as an SVG element, `id` making its title and description's ids unique.
pub fn income_by_hours_svg(
    id: &str,
    current: &Line<'_>,
    offer: &Line<'_>,
    now: Mark,
    offered: Mark,
) -> String {
    let points = current.points.iter().chain(offer.points);
    let marks = [now.net, offered.net];
    let lowest = points
        .clone()
        .map(|(_, p)| *p)
        .chain(marks)
        .min()
        .unwrap_or(Pence::ZERO);
    let highest = points
        .clone()
        .map(|(_, p)| *p)
        .chain(marks)
        .max()
        .unwrap_or(Pence::ZERO);
    let max_hours = points.map(|(h, _)| *h).max().unwrap_or(48).max(1);
    let (bottom, top, step) = money_scale(lowest, highest);
    let x = |hours: f64| PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * hours / f64::from(max_hours);
    let y = |pence: Pence| {
        let pounds = pence.get() as f64 / 100.0;
        PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (pounds - bottom as f64) / (top - bottom) as f64
    };
    let hours_of = |mark: Mark| mark.hours.hundredths() as f64 / 100.0;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="{FONT_SIZE}" fill="#1d2327">"##
    );
    let _ = write!(
        svg,
        r#"<title id="{id}-title">Money left each month by hours worked a week</title><desc id="{id}-desc">{}</desc>"#,
        escape(&describe(current, offer, now, offered))
    );
    svg.push_str(r##"<rect width="100%" height="100%" fill="#fff"/>"##);

    // The legend: each line's style and marker beside its label.
    for (row, (line, colour, dash, marker)) in [
        (current, CURRENT_COLOUR, "", Marker::Circle),
        (offer, OFFER_COLOUR, OFFER_DASH, Marker::Square),
    ]
    .into_iter()
    .enumerate()
    {
        let middle = 16.0 + 30.0 * row as f64;
        let _ = write!(
            svg,
            r#"<g class="legend"><line x1="2" y1="{middle}" x2="40" y2="{middle}" stroke="{colour}" stroke-width="3"{}/>{}<text x="48" y="{:.1}">{}</text></g>"#,
            dash_attribute(dash),
            marker.draw(21.0, middle, 5.0, colour, colour),
            middle + 7.0,
            escape(line.label)
        );
    }
    let _ = write!(
        svg,
        r#"<text x="0" y="{:.1}" font-weight="600">£ left a month</text>"#,
        PLOT_TOP - 20.0
    );

    // Grid and axes.
    let mut tick = bottom;
    while tick <= top {
        let at = y(Pence::new(tick * 100));
        let _ = write!(
            svg,
            r##"<line x1="{PLOT_LEFT}" y1="{at:.1}" x2="{PLOT_RIGHT}" y2="{at:.1}" stroke="{}" stroke-width="1"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            if tick == 0 { "#1d2327" } else { "#dde2e0" },
            PLOT_LEFT - 6.0,
            at + 7.0,
            whole_pounds(tick)
        );
        tick += step;
    }
    let hour_step = if max_hours > 24 { 8 } else { 4 };
    for hours in (0..=max_hours).step_by(hour_step) {
        let at = x(f64::from(hours));
        let _ = write!(
            svg,
            r##"<line x1="{at:.1}" y1="{PLOT_BOTTOM}" x2="{at:.1}" y2="{:.1}" stroke="#1d2327" stroke-width="1"/><text x="{at:.1}" y="{:.1}" text-anchor="middle">{hours}</text>"##,
            PLOT_BOTTOM + 5.0,
            PLOT_BOTTOM + 26.0
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-weight="600">Hours worked a week</text>"#,
        (PLOT_LEFT + PLOT_RIGHT) / 2.0,
        HEIGHT - 6.0
    );

    // The lines, with a marker every few hours.
    for (line, colour, dash, marker) in [
        (current, CURRENT_COLOUR, "", Marker::Circle),
        (offer, OFFER_COLOUR, OFFER_DASH, Marker::Square),
    ] {
        let path: Vec<String> = line
            .points
            .iter()
            .map(|(h, p)| format!("{:.1},{:.1}", x(f64::from(*h)), y(*p)))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline class="line" fill="none" stroke="{colour}" stroke-width="3" stroke-linejoin="round"{} points="{}"/>"#,
            dash_attribute(dash),
            path.join(" ")
        );
        for (h, p) in line.points.iter().filter(|(h, _)| h % MARKER_EVERY == 0) {
            svg.push_str(&marker.draw(x(f64::from(*h)), y(*p), 4.0, colour, "#fff"));
        }
    }

    // "Now" and "The offer", labelled on the side away from each other.
    let now_above = y(now.net) <= y(offered.net);
    for (mark, label, marker, colour, above) in [
        (now, "Now", Marker::Circle, CURRENT_COLOUR, now_above),
        (
            offered,
            "The offer",
            Marker::Square,
            OFFER_COLOUR,
            !now_above,
        ),
    ] {
        let (mx, my) = (x(hours_of(mark)), y(mark.net));
        let half_width = label.len() as f64 * FONT_SIZE * 0.3;
        let label_x = mx.clamp(PLOT_LEFT + half_width, PLOT_RIGHT - half_width);
        let label_y = if above { my - 14.0 } else { my + 32.0 };
        let _ = write!(
            svg,
            r##"<g class="mark">{}<text x="{label_x:.1}" y="{label_y:.1}" text-anchor="middle" font-weight="700" stroke="#fff" stroke-width="4" paint-order="stroke">{label}</text></g>"##,
            marker.draw(mx, my, 8.0, colour, colour),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn dash_attribute(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    }
}

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
}

impl Marker {
    fn draw(self, x: f64, y: f64, radius: f64, stroke: &str, fill: &str) -> String {
        match self {
            Marker::Circle => format!(
                r#"<circle class="marker" cx="{x:.1}" cy="{y:.1}" r="{radius}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"#
            ),
            Marker::Square => format!(
                r#"<rect class="marker" x="{:.1}" y="{:.1}" width="{}" height="{}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"#,
                x - radius,
                y - radius,
                radius * 2.0,
                radius * 2.0
            ),
        }
    }
}

/// What the chart shows, in words, for people who cannot see it.
pub fn describe(current: &Line<'_>, offer: &Line<'_>, now: Mark, offered: Mark) -> String {
    let span = |line: &Line<'_>| match (line.points.first(), line.points.last()) {
        (Some((h0, p0)), Some((h1, p1))) => {
            format!("from {p0} a month at {h0} hours to {p1} a month at {h1} hours")
        }
        _ => "nothing".to_string(),
    };
    format!(
        "Money left each month after tax, National Insurance, Universal Credit, childcare and travel, by hours worked a week. {} (solid line, round markers): {}. {} (dashed line, square markers): {}. Now: {} hours a week, {} a month. The offer: {} hours a week, {} a month.",
        current.label,
        span(current),
        offer.label,
        span(offer),
        now.hours,
        now.net,
        offered.hours,
        offered.net
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(per_hour: i64) -> Vec<(i32, Pence)> {
        (0..=48)
            .map(|h| (h, Pence::new(100_000 + i64::from(h) * per_hour)))
            .collect()
    }

    fn chart() -> String {
        let (current, offer) = (line(1_000), line(2_000));
        income_by_hours_svg(
            "chart",
            &Line {
                label: "At £12.71 an hour",
                points: &current,
            },
            &Line {
                label: "At £14.80 an hour",
                points: &offer,
            },
            Mark {
                hours: WeeklyHours::from_whole(16),
                net: Pence::new(116_000),
            },
            Mark {
                hours: WeeklyHours::from_whole(30),
                net: Pence::new(160_000),
            },
        )
    }

    /// The attribute values of every `tag` element in `svg`.
    fn attributes(svg: &str, tag: &str, name: &str) -> Vec<String> {
        svg.split(&format!("<{tag} "))
            .skip(1)
            .filter_map(|element| {
                let element = element.split('>').next()?;
                let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
                Some(element[start..].split('"').next()?.to_string())
            })
            .collect()
    }

    #[test]
    fn the_chart_is_an_image_with_a_title_and_a_description() {
        let svg = chart();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="chart-title""#));
        assert!(svg.contains(r#"aria-describedby="chart-desc""#));
        assert!(svg.contains(
            r#"<title id="chart-title">Money left each month by hours worked a week</title>"#
        ));
        let desc = svg
            .split(r#"<desc id="chart-desc">"#)
            .nth(1)
            .and_then(|d| d.split("</desc>").next())
            .unwrap();
        for words in [
            "At £12.71 an hour (solid line, round markers): from £1,000.00 a month at 0 hours to £1,480.00 a month at 48 hours",
            "At £14.80 an hour (dashed line, square markers)",
            "Now: 16 hours a week, £1,160.00 a month",
            "The offer: 30 hours a week, £1,600.00 a month",
        ] {
            assert!(desc.contains(words), "{words:?} in {desc}");
        }
    }

    #[test]
    fn the_lines_differ_in_style_and_markers_and_a_legend_names_them() {
        let svg = chart();
        let lines = attributes(&svg, "polyline", "stroke-dasharray");
        assert_eq!(lines, [OFFER_DASH], "only the offer's line is dashed");
        assert_eq!(svg.matches("<polyline").count(), 2);
        let legend: Vec<&str> = svg.split(r#"<g class="legend">"#).skip(1).collect();
        assert_eq!(legend.len(), 2);
        assert!(legend[0].contains("<circle") && legend[0].contains("At £12.71 an hour"));
        assert!(!legend[0].contains("stroke-dasharray"));
        assert!(legend[1].contains("<rect") && legend[1].contains("At £14.80 an hour"));
        assert!(legend[1].contains("stroke-dasharray"));
        // A marker every four hours from 0 to 48 on each line, plus the legend's and the
        // two marks'.
        assert_eq!(svg.matches(r#"<circle class="marker""#).count(), 13 + 1 + 1);
        assert_eq!(svg.matches(r#"<rect class="marker""#).count(), 13 + 1 + 1);
    }

    #[test]
    fn now_and_the_offer_are_marked_where_their_figures_are() {
        let svg = chart();
        let marks: Vec<&str> = svg.split(r#"<g class="mark">"#).skip(1).collect();
        assert_eq!(marks.len(), 2);
        assert!(marks[0].contains(">Now</text>") && marks[1].contains(">The offer</text>"));
        // Hours 0 to 48 run across the plot; pounds from the axis bottom to its top.
        let (bottom, top, _) = money_scale(Pence::new(100_000), Pence::new(196_000));
        let y = |pounds: f64| {
            PLOT_BOTTOM
                - (PLOT_BOTTOM - PLOT_TOP) * (pounds - bottom as f64) / (top - bottom) as f64
        };
        let x = |hours: f64| PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * hours / 48.0;
        let now_x: f64 = attributes(marks[0], "circle", "cx")[0].parse().unwrap();
        let now_y: f64 = attributes(marks[0], "circle", "cy")[0].parse().unwrap();
        assert!((now_x - x(16.0)).abs() < 0.1, "{now_x}");
        assert!((now_y - y(1_160.0)).abs() < 0.1, "{now_y}");
        let offer_x: f64 = attributes(marks[1], "rect", "x")[0].parse().unwrap();
        let offer_y: f64 = attributes(marks[1], "rect", "y")[0].parse().unwrap();
        assert!((offer_x + 8.0 - x(30.0)).abs() < 0.1, "{offer_x}");
        assert!((offer_y + 8.0 - y(1_600.0)).abs() < 0.1, "{offer_y}");
    }

    #[test]
    fn every_text_is_at_least_the_readable_size() {
        let svg = chart();
        assert!(svg.contains(&format!(r#"font-size="{FONT_SIZE}""#)));
        assert!(
            attributes(&svg, "text", "font-size").is_empty(),
            "no text smaller"
        );
    }

    #[test]
    fn the_money_axis_starts_at_zero_or_below_a_loss_and_steps_evenly() {
        assert_eq!(
            money_scale(Pence::new(100_000), Pence::new(196_000)),
            (0, 2_000, 500)
        );
        assert_eq!(
            money_scale(Pence::new(-5_000), Pence::new(30_000)),
            (-100, 300, 100)
        );
        assert_eq!(money_scale(Pence::ZERO, Pence::ZERO), (0, 100, 50));
        assert_eq!(whole_pounds(1_500), "£1,500");
        assert_eq!(whole_pounds(-20), "-£20");
    }
}
