connection: "warehouse"
label: "@{spoke_label}"

include: "//hub/explores/*.explore.lkml"
include: "//marketing_block/views/*.view"
include: "/views/*.view.lkml"
include: "/explores/*.explore.lkml"
