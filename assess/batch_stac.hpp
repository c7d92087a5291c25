#pragma once
// The products a local STAC file lists (no network): an ItemCollection, one Item, or a Catalog /
// Collection whose "item" and "child" links point to local files. Each item gives the asset GDAL
// cannot guess but the product recogniser reads: its metadata file (a Landsat *_MTL.txt or a
// Sentinel-2 MTD_MSIL2A.xml). Its other assets that are local files come with it: the sensor
// profile takes a band from them by the name the metadata gives it (Landsat) or its band id
// (Sentinel-2), so the bands may live in other folders than the metadata (gis/product.hpp,
// RecogniseOptions::files); a band not among them is looked for beside the metadata.
#include <string>
#include <vector>

namespace gg::assess {

struct StacProduct {
    std::string metadata;            // the item's *_MTL.txt or MTD_MSIL2A.xml
    std::vector<std::string> files;  // its other assets that are local files, in asset order
};

// The items' products, in the file's order. Throws gg::Error naming the file (and the item) for
// JSON that is not STAC, an item without a metadata asset, or a metadata asset whose file is
// missing. Assets that are not local files (a thumbnail's https address) are left out.
std::vector<StacProduct> stac_products(const std::string& path);

}  // namespace gg::assess
