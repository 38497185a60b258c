project_name: "hub"

constant: schema {
  value: "analytics"
  export: override_required
}

constant: currency {
  value: "EUR"
}
