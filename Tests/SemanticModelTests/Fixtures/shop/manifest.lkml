project_name: "shop"

constant: schema {
  value: "public"
}

constant: currency_format {
  value: "$#,##0.00"
}
