#!/bin/sh
# Writes the OD test tables in this folder (run once; the outputs are committed). Every table holds the same
# five measured volumes as od_long_utf8.csv (tests/core/test_od_formats.cpp checks that each imports to the
# same flows); od_bad.xlsx holds bad cells. Needs iconv (glibc) and GDAL's ogr2ogr.
# Illustrative volumes, not measured data.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The reference: long layout, UTF-8 without a byte order mark, Chinese place names.
cat > od_long_utf8.csv <<'CSV'
from,to,type,year,volume,unit,note
西安,成都,people,2014,9.1,thousand trips/day,铁路
西安,成都,people,2017,12,thousand trips/day,
西安,成都,people,2019,16.5,thousand trips/day,"铁路, 2019年鉴"
成都,西安,people,2019,15.2,thousand trips/day,
西安,周至,goods,2019,3,thousand t/day,
CSV

# UTF-8 with a byte order mark and CRLF line ends, as Excel's "CSV UTF-8" saves it.
printf '\357\273\277' > od_long_bom.csv
sed 's/$/\r/' od_long_utf8.csv >> od_long_bom.csv

# GBK (Excel's "CSV" on Chinese Windows) and GB18030 with a character GBK lacks (𠮷, U+20BB7: four bytes).
iconv -f UTF-8 -t GBK od_long_utf8.csv > od_long_gbk.csv
sed 's/铁路, 2019年鉴/铁路, 2019年鉴 𠮷/' od_long_utf8.csv | iconv -f UTF-8 -t GB18030 > od_long_gb18030.csv

# The same rows in a workbook; numbers as numeric cells.
rm -f od_long.xlsx
ogr2ogr -f XLSX -oo AUTODETECT_TYPE=YES -nln long od_long.xlsx od_long_utf8.csv
rm -f od_long.ods
ogr2ogr -f ODS -oo AUTODETECT_TYPE=YES -nln long od_long.ods od_long_utf8.csv

# Wide layout, one table per type and year: origins down column A, destinations along row 1. The type, year
# and unit are in the corner cell or the sheet name; the diagonal, 合计 (total) rows and columns and a zero
# between places no corridor joins (xian-ankang) are ignored.
cat > "$tmp/people_2014.csv" <<'CSV'
thousand trips/day,成都,安康
西安,9.1,0
CSV
cat > "$tmp/people_2017.csv" <<'CSV'
people 2017 thousand trips/day,Chengdu
Xi'an,12
CSV
cat > "$tmp/people_2019.csv" <<'CSV'
人流 2019年 thousand trips/day,西安,成都,合计
西安,210,16.5,226.5
成都,15.2,-,15.2
合计,225.2,16.5,241.7
CSV
cat > "$tmp/goods_2019.csv" <<'CSV'
货流 (thousand t/day),zhouzhi
xian,3
CSV
rm -f od_wide.xlsx
ogr2ogr -f XLSX -oo AUTODETECT_TYPE=YES -nln people_2014 od_wide.xlsx "$tmp/people_2014.csv"
ogr2ogr -update -oo AUTODETECT_TYPE=YES -nln "people 2017" od_wide.xlsx "$tmp/people_2017.csv"
ogr2ogr -update -oo AUTODETECT_TYPE=YES -nln "人流_2019" od_wide.xlsx "$tmp/people_2019.csv"
ogr2ogr -update -oo AUTODETECT_TYPE=YES -nln "goods 2019" od_wide.xlsx "$tmp/goods_2019.csv"

# The same wide tables as CSV files in a folder, read together; the type and year from each file name, the
# unit from its corner cell. One file is GBK.
rm -rf wide_csv
mkdir wide_csv
cp "$tmp/people_2014.csv" wide_csv/people_2014.csv
sed '1s/.*/thousand trips\/day,Chengdu/' "$tmp/people_2017.csv" > wide_csv/people_2017.csv
iconv -f UTF-8 -t GBK "$tmp/people_2019.csv" | sed '1s/^[^,]*,/thousand trips\/day,/' > wide_csv/人流_2019.csv
sed '1s/.*/thousand t\/day,zhouzhi/' "$tmp/goods_2019.csv" > wide_csv/goods_2019.csv

# Bad cells: a wide sheet with an unknown destination and a volume that is not a number, and a long sheet
# with a negative volume.
cat > "$tmp/bad_wide.csv" <<'CSV'
people 2019 thousand trips/day,成都,Atlantis
西安,many,1
CSV
cat > "$tmp/bad_long.csv" <<'CSV'
from,to,type,year,volume,unit
xian,chengdu,people,2017,12,thousand trips/day
xian,zhouzhi,goods,2019,-3,thousand t/day
CSV
rm -f od_bad.xlsx
ogr2ogr -f XLSX -nln "人流_2019" od_bad.xlsx "$tmp/bad_wide.csv"
ogr2ogr -update -nln long od_bad.xlsx "$tmp/bad_long.csv"
