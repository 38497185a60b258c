- dashboard: business_health
  title: "Business Health"
  description: "Revenue, active servers, support and NPS. Single values compare the latest month with the one before."
  layout: newspaper
  preferred_viewer: dashboards-next

  filters:
  - name: region
    title: "Region"
    type: field_filter
    default_value: ""
    model: parley
    explore: accounts
    field: accounts.region
  - name: edition
    title: "Edition"
    type: field_filter
    default_value: ""
    model: parley
    explore: servers
    field: servers.edition

  elements:
  - name: bookings_by_month
    title: "Bookings (latest month)"
    type: single_value
    model: parley
    explore: opportunities
    fields: [opportunities.close_month, opportunities.won_amount]
    filters:
      opportunities.is_won: "Yes"
    sorts: [opportunities.close_month desc]
    limit: 2
    listen:
      region: accounts.region
    row: 0
    col: 0
    width: 6
    height: 3

  - name: active_servers_by_month
    title: "Active Servers (latest month)"
    type: single_value
    model: parley
    explore: server_daily_activity
    fields: [server_daily_activity.activity_month, server_daily_activity.reporting_servers]
    sorts: [server_daily_activity.activity_month desc]
    limit: 2
    listen:
      edition: servers.edition
      region: accounts.region
    row: 0
    col: 6
    width: 6
    height: 3

  - name: tickets_by_month
    title: "Support Tickets (latest month)"
    type: single_value
    model: parley
    explore: support_tickets
    fields: [support_tickets.created_month, support_tickets.count]
    sorts: [support_tickets.created_month desc]
    limit: 2
    # More tickets is bad news: a rise is drawn red, a fall green.
    comparison_type: change
    comparison_reverse_colors: true
    show_comparison_label: true
    listen:
      region: accounts.region
      edition: servers.edition
    row: 0
    col: 12
    width: 6
    height: 3

  - name: nps_by_month
    title: "NPS (latest month)"
    type: single_value
    model: parley
    explore: nps_responses
    fields: [nps_responses.responded_month, nps_responses.nps]
    sorts: [nps_responses.responded_month desc]
    limit: 2
    # A score: the change reads in points ("+5.8 pts"), not as a percentage of the score.
    comparison_type: change
    show_comparison_label: true
    listen:
      edition: servers.edition
    row: 0
    col: 18
    width: 6
    height: 3

  - name: bookings_trend
    title: "Bookings by Month and Deal Type"
    type: looker_column
    model: parley
    explore: opportunities
    fields: [opportunities.close_month, opportunities.opportunity_type, opportunities.won_amount]
    pivots: [opportunities.opportunity_type]
    filters:
      opportunities.is_won: "Yes"
      opportunities.close_date: "2023/01/01 to 2026/11/01"
    sorts: [opportunities.close_month]
    limit: 500
    listen:
      region: accounts.region
    row: 3
    col: 0
    width: 12
    height: 8

  - name: active_servers_trend
    title: "Active Servers by Month and Edition"
    type: looker_line
    model: parley
    explore: server_daily_activity
    fields: [server_daily_activity.activity_month, servers.edition, server_daily_activity.reporting_servers]
    pivots: [servers.edition]
    sorts: [server_daily_activity.activity_month]
    limit: 500
    listen:
      region: accounts.region
    row: 3
    col: 12
    width: 12
    height: 8

  - name: funnel_by_quarter
    title: "Server Funnel by Install Quarter"
    type: looker_grid
    model: parley
    explore: servers
    fields: [servers.installed_quarter, servers.count, servers.activated_count, servers.paying_count,
             servers.activation_rate, servers.paid_conversion_rate]
    sorts: [servers.installed_quarter desc]
    limit: 20
    listen:
      edition: servers.edition
    row: 11
    col: 0
    width: 12
    height: 7

  - name: top_accounts
    title: "Top Accounts by ARR"
    type: table
    model: parley
    explore: licenses
    fields: [accounts.account_name, accounts.segment, accounts.region, licenses.total_seats, licenses.total_arr]
    filters:
      licenses.is_trial: "No"
    sorts: [licenses.total_arr desc]
    limit: 15
    listen:
      region: accounts.region
      edition: licenses.edition
    row: 11
    col: 12
    width: 12
    height: 7

  - name: tickets_by_category
    title: "Tickets by Category (2026)"
    type: looker_bar
    model: parley
    explore: support_tickets
    fields: [support_tickets.category, support_tickets.count, support_tickets.csat]
    filters:
      support_tickets.created_date: "2026/01/01 to 2026/11/01"
    sorts: [support_tickets.count desc]
    limit: 20
    listen:
      region: accounts.region
      edition: servers.edition
    row: 18
    col: 0
    width: 12
    height: 7

  - name: nps_by_platform
    title: "NPS by Quarter and Platform"
    type: looker_line
    model: parley
    explore: nps_responses
    fields: [nps_responses.responded_quarter, nps_responses.platform, nps_responses.nps]
    pivots: [nps_responses.platform]
    sorts: [nps_responses.responded_quarter]
    limit: 100
    listen:
      edition: servers.edition
    row: 18
    col: 12
    width: 12
    height: 7
