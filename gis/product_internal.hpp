#pragma once
// Helpers shared by the product recognisers (product.cpp, product_landsat.cpp,
// product_sentinel2.cpp); not part of the public interface.
#include <optional>
#include <string>

#include "gis/product.hpp"

namespace gg::detail {

std::string lower(std::string s);
bool ends_with_ci(const std::string& s, const std::string& suffix);
std::string file_name_of(const std::string& path);
std::string parent_of(const std::string& path);
bool is_directory(const std::string& path);

// The existing file among dir/stem + each extension, or nothing.
std::optional<std::string> find_with_extension(const std::string& dir, const std::string& stem,
                                               std::initializer_list<const char*> extensions);

// Adds role -> source when the file exists (after checking it holds integer digital numbers);
// otherwise records the missing file, reported when the role is asked for.
void add_band(Product& p, const std::string& role, BandSource source);
// Throws gg::Error "<path>: data type T, expected integer digital numbers (<what>)".
void check_integer_band(const std::string& path, const std::string& what);

// A Landsat product (any collection and level) from its MTL file.
Product landsat_product(const std::string& mtl_path, const std::string& user_path,
                        const RecogniseOptions& options = {});
// The MTL beside a Landsat band file or inside a folder, or nothing.
std::optional<std::string> landsat_mtl_for(const std::string& path);
// True when a folder holds Landsat band files (to say "missing MTL" instead of "unknown").
bool looks_like_landsat_folder(const std::string& dir);

// A Sentinel-2 L2A product from its root folder (the .SAFE folder or the folder of the band
// files); mtd is MTD_MSIL2A.xml when present.
Product sentinel2_product(const std::string& root, const std::optional<std::string>& mtd,
                          const RecogniseOptions& options, const std::string& user_path);
// True when a folder looks like a Sentinel-2 product (.SAFE, IMG_DATA, band files).
bool looks_like_sentinel2_folder(const std::string& dir);

}  // namespace gg::detail
