//! Writing the rows of many profiles as one list, in an order that does not depend on timing.

use crate::error::Result;
use crate::output::{Output, OutputFormat, Row};

use super::{FanOut, Order};

impl Order {
    /// NDJSON streams lines as each profile answers; a table waits for every row anyway and
    /// sorts them by profile; JSON and CSV stream in profile order, and so does a table cut at
    /// a `limit` (the first rows in profile order, not the first to arrive).
    pub(crate) fn for_output(out: &Output, limited: bool) -> Order {
        match out.format {
            OutputFormat::Json | OutputFormat::Csv => Order::Profiles,
            OutputFormat::Table if limited => Order::Profiles,
            OutputFormat::Table | OutputFormat::Ndjson => Order::Arrival,
        }
    }
}

/// Write every row `fan` reads, at most `limit`, and say how many were written. The fan-out's
/// failures are the error, after the rows.
pub(crate) async fn write_list<T: Row + Send + 'static>(
    out: &Output,
    mut fan: FanOut<T>,
    limit: usize,
) -> Result<usize> {
    let mut writer = out.list::<T>();
    let table = out.format == OutputFormat::Table && fan.order() == Order::Arrival;
    // A table's rows, by profile: it is printed whole at the end, in profile order.
    let mut held: Vec<Vec<T>> = (0..fan.names().len()).map(|_| Vec::new()).collect();
    let mut count = 0usize;
    while count < limit {
        let Some((slot, rows)) = fan.next(out).await else {
            break;
        };
        let room = limit - count;
        let rows: Vec<T> = rows.into_iter().take(room).collect();
        count += rows.len();
        match held.get_mut(slot) {
            Some(h) if table => h.extend(rows),
            _ => writer.push(&rows)?,
        }
    }
    if count >= limit {
        fan.stop();
    }
    for rows in held {
        writer.push(&rows)?;
    }
    writer.finish()?;
    fan.finish().map(|()| count)
}
