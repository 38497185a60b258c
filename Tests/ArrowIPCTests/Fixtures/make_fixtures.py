"""Regenerates the fakesnow result fixtures: the exact Arrow IPC bytes fakesnow's server would put in
`rowsetBase64` for a few queries, plus a many-batch stream written by pyarrow. Needs only the CI venv
(fakesnow[server], pyarrow), no network:  /opt/spyglass-venv/bin/python make_fixtures.py"""
import pyarrow as pa
import fakesnow
import snowflake.connector
from fakesnow.arrow import to_ipc, to_sf
from fakesnow.rowtype import describe_as_rowtype

QUERIES = {
    "types": """
        select 1::tinyint as i8, 300::smallint as i16, 70000::integer as i32, 9000000000::bigint as i64,
               12.50::number(10,2) as dec, 1.5::double as dbl, 'héllo' as txt, true as flag,
               '2024-02-29'::date as d, '2024-02-29 13:14:15.123456'::timestamp_ntz as ts,
               '2024-02-29 13:14:15'::timestamp_tz as tstz, sum(x) as hugesum
        from (select 5 as x union all select -7 as x)
        union all
        select null, null, null, null, null, null, null, null, null, null, null, null
        order by i8 nulls last""",
    "empty": "select 1::integer as a, 'x' as b where 1 = 0",
    "negative_decimals": """
        select column1::number(38,4) as amount from values (-0.0001), (-123456789012345678.1234), (0), (99999999999999999999999999999999.9999)""",
}

with fakesnow.patch():
    conn = snowflake.connector.connect(database="db", schema="s")
    cur = conn.cursor()
    for name, sql in QUERIES.items():
        cur.execute(sql)
        table = cur._arrow_table
        rowtype = describe_as_rowtype(cur._describe_last_sql())
        with open(f"fakesnow-{name}.arrows", "wb") as f:
            f.write(to_ipc(to_sf(table, rowtype)).to_pybytes())

# Many batches: 10 batches of 1000 rows, with NULLs every 7th row.
ids = pa.array([i for i in range(10_000)], type=pa.int64())
names = pa.array([None if i % 7 == 0 else f"row {i}" for i in range(10_000)], type=pa.string())
table = pa.table({"id": ids, "name": names})
sink = pa.BufferOutputStream()
with pa.ipc.new_stream(sink, table.schema) as writer:
    writer.write_table(table, max_chunksize=1000)
with open("pyarrow-many-batches.arrows", "wb") as f:
    f.write(sink.getvalue().to_pybytes())
