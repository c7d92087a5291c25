// CogWriter end to end: files GDAL's COG validator accepts, pixels and overviews read back by GDAL
// (libtiff decoding the predictor and the codecs) equal to what was written and to a 2 x 2 average
// computed here with plain loops, georeferencing and metadata as given, the same bytes whatever
// the thread count, and nothing left behind on failure.
#include "gis/cog_writer.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

constexpr float kNodata = -9999;
const char* const kValidator =
    "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py";

std::string utm47() {
    OGRSpatialReference srs;
    srs.importFromEPSG(32647);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string s = wkt;
    CPLFree(wkt);
    return s;
}

Grid grid_of(int64_t cols, int64_t rows) {
    return Grid{600000, 1600000, 10, 10, cols, rows};
}

// Values with nodata, negative zero, tiny and huge numbers (every bit pattern must survive the
// predictor and the codec).
float value(int band, int64_t r, int64_t c) {
    if ((r * 7 + c * 3) % 11 == 0) return kNodata;
    if ((r + c) % 97 == 0) return -0.0f;
    if ((r * c) % 89 == 1) return std::numeric_limits<float>::denorm_min();
    if ((r + 2 * c) % 83 == 0) return 3.0e37f;
    return static_cast<float>(std::sin(0.01 * static_cast<double>(r * 3 + c)) + band);
}

std::vector<float> level0(int band, int64_t cols, int64_t rows) {
    std::vector<float> v;
    v.reserve(static_cast<size_t>(cols * rows));
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) v.push_back(value(band, r, c));
    return v;
}

// The next overview, independently: each output pixel is the mean of the valid pixels of its
// 2 x 2 cell (fewer at odd edges), in double, nodata when there is none.
std::vector<float> halve(const std::vector<float>& v, int64_t cols, int64_t rows) {
    const int64_t hc = (cols + 1) / 2, hr = (rows + 1) / 2;
    std::vector<float> out;
    for (int64_t r = 0; r < hr; ++r)
        for (int64_t c = 0; c < hc; ++c) {
            double sum = 0;
            int n = 0;
            for (int64_t rr = 2 * r; rr < std::min(rows, 2 * r + 2); ++rr)
                for (int64_t cc = 2 * c; cc < std::min(cols, 2 * c + 2); ++cc) {
                    const float x = v[static_cast<size_t>(rr * cols + cc)];
                    if (x == kNodata) continue;
                    sum += x;
                    ++n;
                }
            out.push_back(n ? static_cast<float>(sum / n) : kNodata);
        }
    return out;
}

struct Spec {
    int64_t cols = 0, rows = 0;
    int bands = 1;
    int64_t window_cols = 512, window_rows = 512;
    CogOptions options{};
    Metadata metadata{{"greengauge_test", "yes"}, {"greengauge_note", "a <b> & 'c'"}};
    std::vector<std::string> descriptions;
};

// Windows row-major (then band by band), as the commands write them.
void write_cog(const std::string& path, const Spec& s) {
    CogWriter w(path, grid_of(s.cols, s.rows), utm47(), kNodata, s.metadata, s.bands, s.options);
    for (size_t b = 0; b < s.descriptions.size(); ++b)
        w.describe_band(static_cast<int>(b + 1), s.descriptions[b]);
    std::vector<std::vector<float>> all;
    for (int b = 0; b < s.bands; ++b) all.push_back(level0(b, s.cols, s.rows));
    for (int64_t r0 = 0; r0 < s.rows; r0 += s.window_rows)
        for (int64_t c0 = 0; c0 < s.cols; c0 += s.window_cols)
            for (int b = 0; b < s.bands; ++b) {
                const Window win{c0, r0, std::min(s.window_cols, s.cols - c0),
                                 std::min(s.window_rows, s.rows - r0)};
                std::vector<float> v;
                for (int64_t r = win.row0; r < win.row_end(); ++r)
                    for (int64_t c = win.col0; c < win.col_end(); ++c)
                        v.push_back(
                            all[static_cast<size_t>(b)][static_cast<size_t>(r * s.cols + c)]);
                w.write(b + 1, win, v);
            }
    w.finish();
}

struct Validation {
    int exit_code = -1;
    std::string output;
};

Validation validate(const std::string& path) {
    TempDir capture;
    std::string cmd = "/usr/bin/python3 ";
    cmd.append(kValidator).append(" --full-check=yes '").append(path).append("' >'");
    cmd.append(capture.file("out")).append("' 2>&1");
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(capture.file("out"))};
}

void expect_valid_cog(const std::string& path) {
    const Validation v = validate(path);
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_NE(v.output.find("is a valid cloud optimized GeoTIFF"), std::string::npos) << v.output;
    EXPECT_EQ(v.output.find("warning"), std::string::npos) << v.output;
}

std::vector<float> read_band(GDALRasterBand* b) {
    std::vector<float> v(static_cast<size_t>(b->GetXSize()) * static_cast<size_t>(b->GetYSize()));
    if (b->RasterIO(GF_Read, 0, 0, b->GetXSize(), b->GetYSize(), v.data(), b->GetXSize(),
                    b->GetYSize(), GDT_Float32, 0, 0) != CE_None)
        throw std::runtime_error("cannot read a band");
    return v;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

GDALDatasetUniquePtr open(const std::string& path) {
    init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw std::runtime_error("GDAL cannot open " + path);
    return ds;
}

// Every level of every band equals the values written and their successive 2 x 2 averages, with
// GDAL's overview count and sizes.
void expect_pixels_and_overviews(const std::string& path, const Spec& s) {
    const GDALDatasetUniquePtr ds = open(path);
    ASSERT_EQ(ds->GetRasterCount(), s.bands);
    for (int b = 0; b < s.bands; ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b + 1);
        int64_t cols = s.cols, rows = s.rows;
        std::vector<float> want = level0(b, cols, rows);
        EXPECT_TRUE(same_bits(read_band(band), want)) << "band " << b + 1;
        int level = 0;
        while (cols > 512 || rows > 512) {  // GDAL's COG rule: down to one 512 block
            want = halve(want, cols, rows);
            cols = (cols + 1) / 2;
            rows = (rows + 1) / 2;
            ASSERT_LT(level, band->GetOverviewCount()) << "missing overview " << level;
            GDALRasterBand* ovr = band->GetOverview(level);
            EXPECT_EQ(ovr->GetXSize(), cols);
            EXPECT_EQ(ovr->GetYSize(), rows);
            EXPECT_TRUE(same_bits(read_band(ovr), want))
                << "band " << b + 1 << " overview " << level;
            ++level;
        }
        EXPECT_EQ(band->GetOverviewCount(), level);
    }
}

std::string structure(const std::string& path, const char* key) {
    const GDALDatasetUniquePtr ds = open(path);
    const char* v = ds->GetMetadataItem(key, "IMAGE_STRUCTURE");
    return v ? v : "";
}

TEST(CogWriter, OneBandTileAlignedWindowsGetsOverviews) {
    TempDir dir;
    Spec s;
    s.cols = 1200;
    s.rows = 1030;
    s.window_cols = 1024;  // narrower than the raster, as the index command writes
    write_cog(dir.file("a.tif"), s);
    expect_valid_cog(dir.file("a.tif"));
    expect_pixels_and_overviews(dir.file("a.tif"), s);
    EXPECT_EQ(structure(dir.file("a.tif"), "LAYOUT"), "COG");
    EXPECT_EQ(structure(dir.file("a.tif"), "COMPRESSION"), "DEFLATE");
    EXPECT_EQ(structure(dir.file("a.tif"), "PREDICTOR"), "3");
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"a.tif"});  // no temporary file left
}

TEST(CogWriter, OddSizeAndOddWindows) {
    TempDir dir;
    Spec s;
    s.cols = 1537;
    s.rows = 1029;
    s.window_cols = 700;
    s.window_rows = 37;
    write_cog(dir.file("odd.tif"), s);
    expect_valid_cog(dir.file("odd.tif"));
    expect_pixels_and_overviews(dir.file("odd.tif"), s);
}

TEST(CogWriter, TwoBandsCarryGeoreferencingMetadataAndDescriptions) {
    TempDir dir;
    Spec s;
    s.cols = 700;
    s.rows = 600;
    s.bands = 2;
    s.window_cols = 700;
    s.window_rows = 100;
    s.descriptions = {"ndvi median", "valid observations"};
    write_cog(dir.file("two.tif"), s);
    expect_valid_cog(dir.file("two.tif"));
    expect_pixels_and_overviews(dir.file("two.tif"), s);
    const GDALDatasetUniquePtr ds = open(dir.file("two.tif"));
    EXPECT_EQ(std::string(ds->GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE")), "BAND");
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    EXPECT_EQ(gt[0], 600000);
    EXPECT_EQ(gt[1], 10);
    EXPECT_EQ(gt[2], 0);
    EXPECT_EQ(gt[3], 1600000);
    EXPECT_EQ(gt[4], 0);
    EXPECT_EQ(gt[5], -10);
    OGRSpatialReference want;
    want.importFromEPSG(32647);
    ASSERT_NE(ds->GetSpatialRef(), nullptr);
    EXPECT_TRUE(ds->GetSpatialRef()->IsSame(&want));
    for (int b = 1; b <= 2; ++b) {
        int has = 0;
        EXPECT_EQ(ds->GetRasterBand(b)->GetNoDataValue(&has), kNodata);
        EXPECT_TRUE(has);
    }
    EXPECT_EQ(std::string(ds->GetRasterBand(1)->GetDescription()), "ndvi median");
    EXPECT_EQ(std::string(ds->GetRasterBand(2)->GetDescription()), "valid observations");
    EXPECT_EQ(std::string(ds->GetMetadataItem("greengauge_test")), "yes");
    EXPECT_EQ(std::string(ds->GetMetadataItem("greengauge_note")), "a <b> & 'c'");
}

TEST(CogWriter, TinyImageIsOneTileWithoutOverviews) {
    TempDir dir;
    Spec s;
    s.cols = 5;
    s.rows = 3;
    s.window_cols = 2;
    s.window_rows = 2;
    write_cog(dir.file("tiny.tif"), s);
    expect_valid_cog(dir.file("tiny.tif"));
    expect_pixels_and_overviews(dir.file("tiny.tif"), s);
    EXPECT_EQ(open(dir.file("tiny.tif"))->GetRasterBand(1)->GetOverviewCount(), 0);
    EXPECT_EQ(structure(dir.file("tiny.tif"), "LAYOUT"), "COG");
}

TEST(CogWriter, SameBytesWhateverTheThreadCount) {
    TempDir dir;
    Spec s;
    s.cols = 1100;
    s.rows = 900;
    s.window_rows = 300;
    s.window_cols = 1100;
    std::vector<std::string> files;
    for (const int threads : {1, 2, 5}) {
        s.options.threads = threads;
        files.push_back(dir.file("t" + std::to_string(threads) + ".tif"));
        write_cog(files.back(), s);
    }
    const std::string first = read_text(files[0]);
    EXPECT_GT(first.size(), 1000u);
    for (size_t i = 1; i < files.size(); ++i)
        EXPECT_TRUE(read_text(files[i]) == first) << files[i] << " differs from " << files[0];
}

TEST(CogWriter, ZstdAndUncompressed) {
    for (const CogCompression c : {CogCompression::Zstd, CogCompression::None}) {
        TempDir dir;
        Spec s;
        s.cols = 600;
        s.rows = 520;
        s.window_rows = 64;
        s.window_cols = 600;
        s.options.compression = c;
        write_cog(dir.file("c.tif"), s);
        SCOPED_TRACE(cog_compression_name(c));
        expect_valid_cog(dir.file("c.tif"));
        expect_pixels_and_overviews(dir.file("c.tif"), s);
        EXPECT_EQ(structure(dir.file("c.tif"), "COMPRESSION"),
                  c == CogCompression::Zstd ? "ZSTD" : "");
    }
}

// Two bands (tiles copied) and one band (tiles in place where the file system can).
TEST(CogWriter, BigTiffLayoutIsAValidCogToo) {
    for (const int bands : {2, 1}) {
        SCOPED_TRACE(bands);
        TempDir dir;
        Spec s;
        s.cols = 1030;
        s.rows = 600;
        s.bands = bands;
        s.window_rows = 100;
        s.window_cols = 1030;
        s.options.force_bigtiff = true;
        write_cog(dir.file("big.tif"), s);
        EXPECT_EQ(read_text(dir.file("big.tif")).substr(0, 4), std::string("II+\0", 4));
        expect_valid_cog(dir.file("big.tif"));
        expect_pixels_and_overviews(dir.file("big.tif"), s);
        EXPECT_EQ(structure(dir.file("big.tif"), "LAYOUT"), "COG");
    }
}

TEST(CogWriter, CodecNamesAndTheCompressOption) {
    EXPECT_EQ(parse_cog_compression("zstd"), CogCompression::Zstd);
    EXPECT_EQ(parse_cog_compression("DEFLATE"), CogCompression::Deflate);
    try {
        parse_cog_compression("LZW");
        FAIL() << "LZW accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("use DEFLATE, ZSTD or NONE"), std::string::npos);
    }
    const CogOptions o = CogOptions::parse("ZSTD:3");
    EXPECT_EQ(o.compression, CogCompression::Zstd);
    EXPECT_EQ(o.level, 3);
    EXPECT_EQ(CogOptions::parse("deflate").level, 0);  // the codec's default
    EXPECT_THROW(CogOptions::parse("zstd:x"), Error);
    EXPECT_THROW(CogOptions::parse("zstd:3x"), Error);
    EXPECT_THROW(CogOptions::parse("zstd:0"), Error);
    EXPECT_THROW(CogOptions::parse("lzw"), Error);
    EXPECT_EQ(CogOptions{}.compression, CogCompression::Deflate);
}

// Whether the file system of `dir` can insert a range into a file (ext4 and XFS can, tmpfs
// cannot), with the block size it inserts in.
std::optional<int64_t> insert_range_block(const TempDir& dir) {
    const std::string probe = dir.file("probe");
    const int fd = ::open(probe.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::optional<int64_t> block;
    const std::vector<char> bytes(1 << 16, 'x');
    if (::fstat(fd, &st) == 0 && ::write(fd, bytes.data(), bytes.size()) == std::ssize(bytes)) {
        const int64_t b = std::max<int64_t>(st.st_blksize, 4096);
        if (::fallocate(fd, FALLOC_FL_INSERT_RANGE, 0, b) == 0) block = b;
    }
    ::close(fd);
    std::remove(probe.c_str());
    return block;
}

// In place, the full-resolution tiles are written once where they stay; copied, they go into a
// second file. Both are valid COGs with the same pixels and overviews, and nothing else is left.
// Where the file system can insert a range (ext4 here), the in-place file's first full-resolution
// tile starts right after a whole number of file-system blocks (after its 4-byte size leader), and
// the file is less than two blocks larger than the copy: the room inserted is an upper bound of
// the directories (counted with BigTIFF's field widths) rounded up to whole blocks, its unused end
// zeros. Where it cannot (tmpfs: /dev/shm), the writer falls back to the copy: the same bytes.
void expect_in_place_or_copied(const TempDir& dir) {
    Spec s;
    s.cols = 1200;
    s.rows = 1030;
    s.window_cols = 1024;
    s.options.in_place = false;
    write_cog(dir.file("copied.tif"), s);
    s.options.in_place = true;
    write_cog(dir.file("in_place.tif"), s);
    for (const char* name : {"copied.tif", "in_place.tif"}) {
        SCOPED_TRACE(name);
        expect_valid_cog(dir.file(name));
        expect_pixels_and_overviews(dir.file(name), s);
    }
    std::vector<std::string> files = dir.entries();
    std::sort(files.begin(), files.end());
    EXPECT_EQ(files, (std::vector<std::string>{"copied.tif", "in_place.tif"}));
    const std::string copied = read_text(dir.file("copied.tif"));
    const std::string in_place = read_text(dir.file("in_place.tif"));
    const std::optional<int64_t> block = insert_range_block(dir);
    if (!block) {
        EXPECT_TRUE(in_place == copied) << "the fallback is not the copy";
        return;
    }
    const GDALDatasetUniquePtr ds = open(dir.file("in_place.tif"));
    const char* first = ds->GetRasterBand(1)->GetMetadataItem("BLOCK_OFFSET_0_0", "TIFF");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ((std::stoll(first) - 4) % *block, 0) << first;
    EXPECT_GE(std::ssize(in_place), std::ssize(copied));
    EXPECT_LT(std::ssize(in_place), std::ssize(copied) + 2 * *block);
}

TEST(CogWriter, FullResolutionTilesInPlaceOrCopied) {
    TempDir dir;
    expect_in_place_or_copied(dir);
}

// The same on /dev/shm (tmpfs, which cannot insert a range: the fallback), or in the system temp
// folder again where there is no writable /dev/shm.
TEST(CogWriter, InPlaceOnAnotherFileSystem) {
    TempDir dir(::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "");
    expect_in_place_or_copied(dir);
}

void expect_one_line(const Error& e, const std::string& path) {
    const std::string m = e.what();
    EXPECT_EQ(m.rfind("cannot write '" + path + "': ", 0), 0u) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
}

TEST(CogWriter, MissingFolderIsAOneLineError) {
    TempDir dir;
    const std::string path = dir.file("missing/out.tif");
    try {
        CogWriter w(path, grid_of(10, 10), utm47(), kNodata, {});
        FAIL() << "no error";
    } catch (const Error& e) {
        expect_one_line(e, path);
    }
    EXPECT_TRUE(dir.entries().empty());
}

// A VRT declaring 10^6 x 10^6 pixels started a job of months with no word. 200,000 x 200,000
// (4e10 pixels) is the largest output; one more row is refused before anything is written.
TEST(CogWriter, AnAbsurdSizeIsRefusedBeforeAnyWork) {
    TempDir dir;
    const std::string path = dir.file("huge.tif");
    try {
        CogWriter w(path, grid_of(200000, 200001), utm47(), kNodata, {});
        FAIL() << "no error";
    } catch (const Error& e) {
        expect_one_line(e, path);
        EXPECT_NE(std::string(e.what()).find("200000 x 200001 pixels is more than the 40 billion"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_TRUE(dir.entries().empty());
}

TEST(CogWriter, NoFileLeftWithoutFinishOrAfterAFailure) {
    TempDir dir;
    const std::vector<float> row(1000, 1.0f);
    {
        CogWriter w(dir.file("a.tif"), grid_of(1000, 1000), utm47(), kNodata, {});
        for (int64_t r = 0; r < 600; ++r) w.write(Window{0, r, 1000, 1}, row);
        EXPECT_FALSE(dir.entries().empty());  // the tile store exists meanwhile
    }
    EXPECT_TRUE(dir.entries().empty());
    {
        CogWriter w(dir.file("b.tif"), grid_of(1000, 1000), utm47(), kNodata, {});
        w.write(Window{0, 0, 1000, 1}, row);
        try {
            w.write(Window{0, 0, 1000, 1}, row);
            FAIL() << "a row written twice was accepted";
        } catch (const Error& e) {
            expect_one_line(e, dir.file("b.tif"));
        }
        EXPECT_THROW(w.finish(), Error);
    }
    EXPECT_TRUE(dir.entries().empty());
}

}  // namespace
}  // namespace gg::test
