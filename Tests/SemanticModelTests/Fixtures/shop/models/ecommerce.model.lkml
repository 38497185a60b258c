connection: "demo"
label: "E-commerce"

include: "/views/**/*.view"
include: "../explores/*.explore.lkml"
include: "/refinements/*.lkml"
include: "/dashboards/*.dashboard"

explore: users {
  label: "Customers"
  fields: [ALL_FIELDS*, -users.email]
}
