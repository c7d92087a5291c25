#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target into a folder, from the repository's own files (no
binary is committed): project files, frameworks, MTLs and records of data/, the expressions those
frameworks use, Sentinel-2 MTD snippets shaped as tests/core/test_sentinel2_metadata.cpp's, and
fixed pseudo-random bytes for the coverage generator.

Usage: fuzz/make_seeds.py TARGET FOLDER"""
import glob
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def files(pattern):
    return sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def expressions():
    found = {b"(nir - red) / (nir + red)", b"if(ndvi >= 0.3, 1, 0) * area_m2",
             b"min(max(a, 0), 1) + sqrt(abs(b)) - log(exp(1))", b"green_share * 100 / population"}
    for path in files("data/frameworks/**/*.yaml") + files("docs/*.md") + files("README.md"):
        for line in read(path).splitlines():
            m = re.search(rb"expression:\s*(.+)$", line) or re.search(rb"--expression[ =]'([^']+)'", line)
            if m:
                found.add(m.group(1).strip().strip(b'"'))
    return sorted(found)


def mtd(baseline, offsets):
    items = "".join('<BOA_ADD_OFFSET band_id="%d">-1000</BOA_ADD_OFFSET>\n' % b for b in range(13))
    listing = "<BOA_ADD_OFFSET_VALUES_LIST>\n%s</BOA_ADD_OFFSET_VALUES_LIST>" % items if offsets else ""
    return ("""<?xml version="1.0" encoding="UTF-8"?>
<n1:Level-2A_User_Product xmlns:n1="https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd">
<n1:General_Info><Product_Info>
<PRODUCT_START_TIME>2024-01-15T03:35:39.024Z</PRODUCT_START_TIME>
<PROCESSING_BASELINE>%s</PROCESSING_BASELINE>
<Datatake><SPACECRAFT_NAME>Sentinel-2A</SPACECRAFT_NAME></Datatake>
</Product_Info><Product_Image_Characteristics><QUANTIFICATION_VALUES_LIST>
<BOA_QUANTIFICATION_VALUE unit="none">10000</BOA_QUANTIFICATION_VALUE>
</QUANTIFICATION_VALUES_LIST>
%s
</Product_Image_Characteristics></n1:General_Info></n1:Level-2A_User_Product>
""" % (baseline, listing)).encode()


def seeds(target):
    if target == "project_file":
        return [read(p) for p in files("data/demo/*.yaml")]
    if target == "framework":
        return [read(p) for p in files("data/frameworks/**/*.yaml")]
    if target == "expression":
        return expressions()
    if target == "landsat_mtl":
        return [read(p) for p in files("data/**/*_MTL.txt")]
    if target == "sentinel2_mtd":
        return [mtd("04.00", True), mtd("05.10", True), mtd("02.09", False)]
    if target == "records":  # the first byte: zone ids known (odd) or not
        return [prefix + read(p) for p in files("data/**/*records*.csv") for prefix in (b"\x01", b"\x00")]
    if target == "emissivity_table":
        return [read(p) for p in files("data/emissivity/*.csv")] + [b"class,emissivity\n10,ndvi\n"]
    if target == "coverage":
        rng = random.Random(20261202)
        return [bytes(rng.randrange(256) for _ in range(512)) for _ in range(32)]
    sys.exit("make_seeds.py: unknown target " + target)


def main():
    target, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    for i, data in enumerate(seeds(target)):
        with open(os.path.join(folder, "seed-%03d" % i), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
