connection: "retail_warehouse"
label: "Retail"

include: "/views/*.view.lkml"
include: "/explores/*.explore.lkml"
include: "/dashboards/business_pulse.dashboard.lookml"
include: "/dashboards/regional_pulse.dashboard.lookml"

week_start_day: monday

datagroup: nightly {
  sql_trigger: SELECT CURRENT_DATE() ;;
  max_cache_age: "24 hours"
}

persist_with: nightly

named_value_format: euro_0 {
  value_format: "\"€\"#,##0"
}

access_grant: can_see_margin {
  user_attribute: department
  allowed_values: ["finance", "executive"]
}
