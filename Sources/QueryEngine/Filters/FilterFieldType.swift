/// Which filter grammar applies: Looker parses the same text differently per field type.
///
/// The planner maps LookML types onto these (`tier`/`zipcode` → string, `date_date` → date,
/// `date_time`/`date_hour` → timestamp, …).
public enum FilterFieldType: Sendable, Hashable {
    case string, number, date, timestamp, yesno
}
