project_name: "retail_bq"

constant: dataset {
  value: "retail"
  export: override_optional
}
