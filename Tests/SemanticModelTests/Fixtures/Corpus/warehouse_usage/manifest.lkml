project_name: "warehouse_usage_block"

constant: connection_name {
  value: "snowflake"
  export: override_optional
}

constant: account_usage {
  value: "SNOWFLAKE.ACCOUNT_USAGE"
  export: override_optional
}
