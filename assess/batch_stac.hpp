#pragma once
// The products a local STAC file lists (no network): an ItemCollection, one Item, or a Catalog /
// Collection whose "item" and "child" links point to local files. Each item gives the asset GDAL
// cannot guess but the product recogniser reads: its metadata file (a Landsat *_MTL.txt or a
// Sentinel-2 MTD_MSIL2A.xml), from which the sensor profile finds the bands beside it.
#include <string>
#include <vector>

namespace gg::assess {

// The metadata files, in the file's order. Throws gg::Error naming the file (and the item) for
// JSON that is not STAC, an item without a metadata asset, or an asset whose file is missing.
std::vector<std::string> stac_products(const std::string& path);

}  // namespace gg::assess
