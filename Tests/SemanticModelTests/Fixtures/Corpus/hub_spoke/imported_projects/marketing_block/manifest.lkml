project_name: "marketing_block"

constant: ads_dataset {
  value: "marketing"
  export: override_optional
}
