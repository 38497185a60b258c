explore: customers {
  from: users
  fields: [ALL_FIELDS*, -customers.email]
  sql_always_having: ${count} > 0 ;;

  join: user_facts {
    relationship: one_to_one
    sql_on: ${customers.id} = ${user_facts.user_id} ;;
  }

  join: user_tags {
    relationship: one_to_many
    sql: LEFT JOIN UNNEST(${customers.tags}) AS user_tags ;;
  }
}

explore: brand_rankings {
  label: "Brand Rankings"
}

explore: products_base {
  extension: required
  view_name: products

  join: shipping_center {
    from: distribution_centers
    relationship: many_to_one
    sql_on: ${products.distribution_center_id} = ${shipping_center.id} ;;
  }
}

explore: products {
  extends: [products_base]
  label: "Catalogue"
}
