view: users {
  sql_table_name: users ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: name {
    sql: ${TABLE}.name ;;
  }
  dimension: state {
    sql: ${TABLE}.state ;;
  }
  dimension: vip {
    type: number
    sql: ${TABLE}.vip ;;
  }
  dimension_group: created {
    type: time
    timeframes: [time, hour2, hour3, hour4, hour6, hour8, hour12, minute2, minute3, minute5, minute10, minute15,
                 minute30, millisecond]
    sql: ${TABLE}.created_at ;;
  }
  dimension_group: created_micro {
    type: time
    timeframes: [microsecond]
    sql: ${TABLE}.created_at ;;
  }
  dimension_group: created_wall {
    type: time
    timeframes: [time, hour6]
    convert_tz: no
    sql: ${TABLE}.created_at ;;
  }

  filter: name_filter {
    type: string
  }
  dimension: name_matches {
    type: yesno
    sql: {% condition name_filter %} ${TABLE}.name {% endcondition %} ;;
  }
  filter: min_age {
    type: number
    sql: {% condition min_age %} ${TABLE}.age {% endcondition %} ;;
  }
  filter: created_window {
    type: date
  }
  dimension: created_in_window {
    type: yesno
    sql: ${TABLE}.created_at >= {% date_start created_window %} AND ${TABLE}.created_at < {% date_end created_window %} ;;
  }

  parameter: state_choice {
    type: string
    allowed_value: { label: "California" value: "CA" }
    allowed_value: { value: "NY" }
    allowed_value: { value: "TX" }
    default_value: "NY"
  }
  dimension: in_chosen_state {
    type: yesno
    sql: ${TABLE}.state = {% parameter state_choice %} ;;
  }
  dimension: chosen_state_label {
    sql: CASE WHEN ${TABLE}.state = {{ state_choice._parameter_value }} THEN 'chosen' ELSE 'other' END ;;
  }
  parameter: metric {
    type: unquoted
    allowed_value: { value: "age" }
    allowed_value: { value: "vip" }
  }
  measure: metric_total {
    type: sum
    sql: ${TABLE}.{% parameter metric %} ;;
  }
  parameter: exact_name {
    type: string
  }
  dimension: is_exact_name {
    type: yesno
    sql: ${TABLE}.name = {% parameter exact_name %} ;;
  }
  dimension: quoted_parameter {
    sql: CASE WHEN ${TABLE}.name = '{% parameter exact_name %}' THEN 1 END ;;
  }
  dimension: uses_liquid_if {
    sql: {% if name_filter._is_filtered %} 1 {% else %} 0 {% endif %} ;;
  }

  measure: count {
    type: count
  }
}
