view: a {
  label: "日本語 العربية 🚀"
  dimension: b {}
}
