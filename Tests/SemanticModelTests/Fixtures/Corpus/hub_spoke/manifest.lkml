project_name: "sales_spoke"

# The hub is checked out beside this project (imported_projects/hub, as Looker's IDE lays it out).
local_dependency: {
  project: "hub"
  override_constant: schema {
    value: "sales_mart"
  }
}

remote_dependency: marketing_block {
  url: "https://github.com/example/marketing_block"
  ref: "v2.1.0"
  override_constant: ads_dataset {
    value: "paid_media"
  }
}

constant: spoke_label {
  value: "Sales (@{currency})"
}
