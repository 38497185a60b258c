# fiscal_month_offset above eleven: fiscal year 2018 starts in April 2019.
connection: "shop"
include: "users.view.lkml"
fiscal_month_offset: 15

explore: users {}
