//! Which findings a long list renders: those in view and a margin around them. Rows
//! differ in height (messages wrap), so each rendered row's height is remembered and the
//! others are estimated from them; the rows not rendered are stood in for by padding of
//! their estimated height, so the list keeps its full length and scrolls as before.
//! Free of browser APIs, so plain `cargo test` covers it.

/// Lists this long or shorter render every finding.
pub const RENDER_ALL_UP_TO: usize = 60;

/// How many rows render before the list's place on the page is known.
pub const FIRST_ROWS: usize = 30;

/// The height assumed for a row before any was measured, in CSS pixels.
const ROW_GUESS: f64 = 64.0;

/// The space between two rows (`.finding-list`'s `gap`), in CSS pixels.
pub const ROW_GAP: f64 = 6.0;

/// The heights of the rows measured so far, by index (0: not measured).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RowHeights {
    heights: Vec<f64>,
    measured_total: f64,
    measured: usize,
}

impl RowHeights {
    /// Records row `index`'s height; true if it differs from what was recorded.
    pub fn set(&mut self, index: usize, height: f64) -> bool {
        if index >= self.heights.len() {
            self.heights.resize(index + 1, 0.0);
        }
        let old = self.heights[index];
        if (old - height).abs() < 0.5 {
            return false;
        }
        if old > 0.0 {
            self.measured_total -= old;
            self.measured -= 1;
        }
        if height > 0.0 {
            self.measured_total += height;
            self.measured += 1;
        }
        self.heights[index] = height;
        true
    }

    /// The height of row `index`: measured, or the mean of those measured.
    pub fn height(&self, index: usize) -> f64 {
        match self.heights.get(index) {
            Some(&h) if h > 0.0 => h,
            _ if self.measured > 0 => self.measured_total / self.measured as f64,
            _ => ROW_GUESS,
        }
    }

    /// From the top of row 0 to the top of row `index` (each row with the gap after it).
    pub fn offset(&self, index: usize) -> f64 {
        (0..index).map(|i| self.height(i) + ROW_GAP).sum()
    }

    /// The rows `[start, end)` of a list of `total` to render, when the page shows the
    /// list's stretch from `top` to `bottom` (CSS pixels from the top of row 0; negative
    /// above it): those overlapping that stretch widened by `margin` on each side. A list
    /// out of view renders its end nearest the view, so the Tab key reaches it from
    /// either side.
    pub fn window(&self, total: usize, top: f64, bottom: f64, margin: f64) -> (usize, usize) {
        if total <= RENDER_ALL_UP_TO {
            return (0, total);
        }
        let (from, to) = (top - margin, bottom + margin);
        let mut start = None;
        let mut end = total;
        let mut y = 0.0;
        for i in 0..total {
            let next = y + self.height(i) + ROW_GAP;
            if start.is_none() && next > from {
                start = Some(i);
            }
            if y >= to {
                end = i;
                break;
            }
            y = next;
        }
        // Above the view: the last rows; below it: the first.
        let start = start.unwrap_or(total.saturating_sub(FIRST_ROWS)).min(total);
        let end = end.max(start + 1).min(total);
        if end <= start {
            return (total.saturating_sub(FIRST_ROWS), total);
        }
        (start, end)
    }
}

/// `window` widened to take in row `keep` (the one with the keyboard focus) when it lies
/// at most `reach` rows outside it, so scrolling away does not take the focus with it.
pub fn keeping(window: (usize, usize), keep: Option<usize>, reach: usize) -> (usize, usize) {
    let (start, end) = window;
    match keep {
        Some(k) if k < start && start - k <= reach => (k, end),
        Some(k) if k >= end && k + 1 - end <= reach => (start, k + 1),
        _ => window,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uniform(total: usize, height: f64) -> RowHeights {
        let mut rows = RowHeights::default();
        for i in 0..total {
            rows.set(i, height);
        }
        rows
    }

    #[test]
    fn a_short_list_renders_every_row() {
        let rows = RowHeights::default();
        assert_eq!(
            rows.window(RENDER_ALL_UP_TO, 5_000.0, 6_000.0, 0.0),
            (0, RENDER_ALL_UP_TO)
        );
    }

    #[test]
    fn a_long_list_renders_the_rows_in_view_and_a_margin() {
        // Rows of 44 px and a gap of 6: row i starts at 50 * i.
        let rows = uniform(500, 44.0);
        assert_eq!(rows.offset(10), 500.0);
        // The view from 1,000 to 1,900 px: rows 20 to 37 overlap it.
        assert_eq!(rows.window(500, 1_000.0, 1_900.0, 0.0), (20, 38));
        // A margin of 200 px: four more rows on each side.
        assert_eq!(rows.window(500, 1_000.0, 1_900.0, 200.0), (16, 42));
        // At the top and at the bottom.
        assert_eq!(rows.window(500, -300.0, 600.0, 0.0), (0, 12));
        assert_eq!(rows.window(500, 24_500.0, 25_400.0, 0.0), (490, 500));
    }

    #[test]
    fn a_list_out_of_view_renders_the_end_nearest_the_view() {
        let rows = uniform(500, 44.0);
        // The list starts below the view.
        assert_eq!(rows.window(500, -2_000.0, -1_100.0, 0.0), (0, 1));
        assert_eq!(rows.window(500, -2_000.0, -1_100.0, 1_200.0), (0, 2));
        // The list ended above it.
        assert_eq!(
            rows.window(500, 40_000.0, 40_900.0, 0.0),
            (500 - FIRST_ROWS, 500)
        );
    }

    #[test]
    fn rows_not_measured_are_estimated_from_those_measured() {
        let mut rows = RowHeights::default();
        assert_eq!(rows.height(3), ROW_GUESS);
        assert!(rows.set(0, 40.0));
        assert!(rows.set(1, 80.0));
        assert!(!rows.set(1, 80.2), "a change under half a pixel is none");
        assert_eq!(rows.height(3), 60.0);
        // Measured again (its message wrapped differently): the mean follows.
        assert!(rows.set(0, 60.0));
        assert_eq!(rows.height(7), 70.0);
        assert_eq!(rows.offset(3), 60.0 + 80.0 + 70.0 + 3.0 * ROW_GAP);
    }

    #[test]
    fn the_focused_row_is_kept_when_near() {
        assert_eq!(keeping((100, 140), Some(90), 20), (90, 140));
        assert_eq!(keeping((100, 140), Some(150), 20), (100, 151));
        assert_eq!(keeping((100, 140), Some(120), 20), (100, 140));
        assert_eq!(keeping((100, 140), Some(10), 20), (100, 140));
        assert_eq!(keeping((100, 140), None, 20), (100, 140));
    }
}
