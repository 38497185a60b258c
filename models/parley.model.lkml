# Parley: the customer-data model of a company selling a self-hosted chat product (web, desktop
# and mobile apps). The bundled Spyglass demo: built by `spyglass demo`, opened by `spyglass`.
connection: "demo"
label: "Parley (demo)"

include: "/views/*.view.lkml"
include: "/dashboards/*.dashboard.lookml"

explore: events {
  label: "Product Usage"
  description: "App telemetry: active users (daily, weekly, monthly), platforms, features, versions."
  group_label: "Product"

  join: users {
    type: left_outer
    relationship: many_to_one
    sql_on: ${events.user_id} = ${users.user_id} ;;
  }

  join: servers {
    type: left_outer
    relationship: many_to_one
    sql_on: ${events.server_id} = ${servers.server_id} ;;
  }

  join: accounts {
    type: left_outer
    relationship: many_to_one
    sql_on: ${servers.account_id} = ${accounts.account_id} ;;
  }
}

explore: users {
  label: "Users"
  description: "Every user with their server; events and NPS answers fan out per user."
  group_label: "Product"

  join: servers {
    type: left_outer
    relationship: many_to_one
    sql_on: ${users.server_id} = ${servers.server_id} ;;
  }

  join: accounts {
    type: left_outer
    relationship: many_to_one
    sql_on: ${servers.account_id} = ${accounts.account_id} ;;
  }

  join: events {
    type: left_outer
    relationship: one_to_many
    sql_on: ${users.user_id} = ${events.user_id} ;;
  }

  join: nps_responses {
    view_label: "NPS Responses"
    type: left_outer
    relationship: one_to_many
    sql_on: ${users.user_id} = ${nps_responses.user_id} ;;
  }
}

explore: servers {
  label: "Servers & Funnel"
  description: "Installed servers and the funnel installed → activated → paying, with their users, daily reports, licenses and tickets."
  group_label: "Product"

  join: accounts {
    type: left_outer
    relationship: many_to_one
    sql_on: ${servers.account_id} = ${accounts.account_id} ;;
  }

  join: users {
    type: left_outer
    relationship: one_to_many
    sql_on: ${servers.server_id} = ${users.server_id} ;;
  }

  join: server_daily_activity {
    type: left_outer
    relationship: one_to_many
    sql_on: ${servers.server_id} = ${server_daily_activity.server_id} ;;
  }

  join: licenses {
    type: left_outer
    relationship: one_to_many
    sql_on: ${servers.server_id} = ${licenses.server_id} ;;
  }

  join: support_tickets {
    type: left_outer
    relationship: one_to_many
    sql_on: ${servers.server_id} = ${support_tickets.server_id} ;;
  }
}

explore: server_daily_activity {
  label: "Server Daily Activity"
  description: "What servers report each day: active servers, reported users, messages, calls, storage."
  group_label: "Product"

  join: servers {
    type: left_outer
    relationship: many_to_one
    sql_on: ${server_daily_activity.server_id} = ${servers.server_id} ;;
  }

  join: accounts {
    type: left_outer
    relationship: many_to_one
    sql_on: ${servers.account_id} = ${accounts.account_id} ;;
  }
}

explore: accounts {
  label: "Accounts"
  description: "Customers and prospects with their deals, licenses, servers and tickets."
  group_label: "Revenue"

  join: opportunities {
    type: left_outer
    relationship: one_to_many
    sql_on: ${accounts.account_id} = ${opportunities.account_id} ;;
  }

  join: licenses {
    type: left_outer
    relationship: one_to_many
    sql_on: ${accounts.account_id} = ${licenses.account_id} ;;
  }

  join: servers {
    type: left_outer
    relationship: one_to_many
    sql_on: ${accounts.account_id} = ${servers.account_id} ;;
  }

  join: support_tickets {
    type: left_outer
    relationship: one_to_many
    sql_on: ${accounts.account_id} = ${support_tickets.account_id} ;;
  }
}

explore: opportunities {
  label: "Sales Pipeline"
  description: "Deals: bookings, pipeline, win rate, by type, stage and source."
  group_label: "Revenue"

  join: accounts {
    type: left_outer
    relationship: many_to_one
    sql_on: ${opportunities.account_id} = ${accounts.account_id} ;;
  }

  join: servers {
    type: left_outer
    relationship: many_to_one
    sql_on: ${opportunities.server_id} = ${servers.server_id} ;;
  }
}

explore: licenses {
  label: "Licenses & ARR"
  description: "License terms: ARR, seats and trials."
  group_label: "Revenue"

  join: accounts {
    type: left_outer
    relationship: many_to_one
    sql_on: ${licenses.account_id} = ${accounts.account_id} ;;
  }

  join: servers {
    type: left_outer
    relationship: many_to_one
    sql_on: ${licenses.server_id} = ${servers.server_id} ;;
  }
}

explore: support_tickets {
  label: "Support"
  description: "Tickets: volume, first response time, satisfaction."
  group_label: "Customer Experience"

  join: accounts {
    type: left_outer
    relationship: many_to_one
    sql_on: ${support_tickets.account_id} = ${accounts.account_id} ;;
  }

  join: servers {
    type: left_outer
    relationship: many_to_one
    sql_on: ${support_tickets.server_id} = ${servers.server_id} ;;
  }
}

explore: nps_responses {
  label: "NPS"
  description: "Net Promoter Score survey answers by platform, version and customer."
  group_label: "Customer Experience"

  join: users {
    type: left_outer
    relationship: many_to_one
    sql_on: ${nps_responses.user_id} = ${users.user_id} ;;
  }

  join: servers {
    type: left_outer
    relationship: many_to_one
    sql_on: ${nps_responses.server_id} = ${servers.server_id} ;;
  }

  join: accounts {
    type: left_outer
    relationship: many_to_one
    sql_on: ${servers.account_id} = ${accounts.account_id} ;;
  }
}
