view: orders {
  # Filtered at the source only when the user filters status_filter.
  sql_table_name: {% if orders.status_filter._is_filtered %}(SELECT * FROM orders WHERE {% condition orders.status_filter %} status {% endcondition %}){% else %}orders{% endif %} ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: user_id {
    type: number
    sql: ${TABLE}.user_id ;;
  }
  dimension: status {
    sql: ${TABLE}.status ;;
  }
  dimension: amount {
    type: number
    sql: ${TABLE}.amount ;;
  }

  filter: status_filter {
    type: string
  }
  parameter: group_by {
    type: unquoted
    allowed_value: { value: "status" }
    allowed_value: { value: "user_state" }
    default_value: "status"
  }
  # Looker's classic dynamic dimension: the join to users is needed only when the parameter says so.
  dimension: dynamic_group {
    sql: {% case group_by._parameter_value %}{% when 'status' %}${status}{% when 'user_state' %}${users.state}{% else %}NULL{% endcase %} ;;
  }
  parameter: status_choice {
    type: string
    default_value: "complete"
  }
  dimension: is_chosen_status {
    type: yesno
    sql: {% if status_choice._parameter_value == "'complete'" %}${status} = 'complete'{% else %}${status} = {{ status_choice._parameter_value }}{% endif %} ;;
  }
  dimension: chosen_status_trimmed {
    type: yesno
    sql: ${status} = {{ status_choice._parameter_value | remove: "'" | downcase }} ;;
  }
  parameter: unquoted_status {
    type: unquoted
  }
  dimension: quoted_unquoted_parameter {
    type: yesno
    sql: ${status} = '{% parameter unquoted_status %}' AND ${status} = '{{ unquoted_status._parameter_value }}' ;;
  }
  dimension: filter_text_in_quotes {
    type: yesno
    sql: ${status} = '{{ _filters['orders.status_filter'] }}' ;;
  }
  dimension: filter_text_bare {
    type: yesno
    sql: ${status} = {{ _filters['orders.status_filter'] }} ;;
  }
  dimension: region_match {
    type: yesno
    sql: ${users.state} = {{ _user_attributes['region'] | sql_quote }} ;;
  }
  dimension: meta {
    sql: '{{ _model._name }}/{{ _explore._name }}/{{ _view._name }}/{{ _field._name }}/{{ _query._query_timezone }}' ;;
  }
  dimension: amount_band {
    type: number
    sql: CASE {% for t in (1..3) %}WHEN ${amount} < {{ t | times: 50 }} THEN {{ t }} {% endfor %}ELSE 4 END ;;
  }
  dimension: status_initials {
    sql: {%- assign statuses = "complete,pending,cancelled" | split: "," -%}{%- capture parts -%}{% for s in statuses %}WHEN ${status} = '{{ s }}' THEN '{{ s | slice: 0, 2 | upcase }}' {% endfor %}{%- endcapture -%}
         CASE {{ parts }}ELSE '?' END ;;
  }
  measure: count {
    type: count
  }
  measure: sum_or_count {
    type: number
    sql: {% if orders.status._is_selected %}SUM(${amount}){% else %}COUNT(*){% endif %} ;;
  }
  measure: count_in_query {
    type: number
    sql: {% if users._in_query %}COUNT(DISTINCT ${users.id}){% else %}COUNT(*){% endif %} ;;
  }
}
