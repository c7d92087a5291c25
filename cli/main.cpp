// greengauge: the command-line entry point. Errors are caught here, once, and printed as one line.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "assess/families.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/output_metadata.hpp"
#include "gis/temp_files.hpp"

int main(int argc, char** argv) {
    CLI::App app{
        "GreenGauge: green-city indicators per municipality, district or census tract from maps "
        "and satellite imagery: green cover (NDVI), green space per capita, a tree-canopy proxy, "
        "access to green space within 300 m, land-cover green, wetland and open-water area by "
        "type (inventory, land cover, MNDWI / NDWI water mask), its change between periods "
        "(inventories, imagery, land cover) and water persistence over a time series, land "
        "surface temperature, its hot spots (Getis-Ord Gi*), the surface urban heat island "
        "intensity against a rural reference (rings, a polygon), the cooling effect of green and, "
        "with a "
        "population raster, the residents' exposure to heat (population-weighted LST, residents "
        "on hot spots), and indicator framework scores.",
        "greengauge"};
    app.set_version_flag("--version", std::string("greengauge ") + gg::kVersion);
    app.require_subcommand(1);
    app.footer("Run `greengauge SUBCOMMAND --help` for the options and an example of each.");
    gg::cli::add_assess_command(app);
    gg::cli::add_zonal_command(app);
    gg::cli::add_frameworks_command(app);
    gg::cli::add_index_command(app);
    gg::cli::add_composite_command(app);
    gg::cli::add_batch_command(app);
    gg::cli::add_merge_command(app);
    gg::set_command_line(argc, argv);
    gg::install_temp_file_cleanup();  // Ctrl-C leaves no temporary output behind
    try {
        gg::assess::use_families(gg::assess::builtin_families());
        gg::init_gdal();
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version print and exit 0; a usage mistake is one line like every other
        // error (CLI11's own form is two lines without the "greengauge: error:" prefix).
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
        std::string help = "greengauge";
        for (const CLI::App* sub : app.get_subcommands()) help += " " + sub->get_name();
        std::cerr << "greengauge: error: " << gg::cli::one_line(e.what()) << " (see " << help
                  << " --help)\n";
        return 2;
    } catch (const gg::Error& e) {
        std::cerr << "greengauge: error: " << gg::cli::one_line(e.what()) << "\n";
        return 1;
    } catch (const std::exception& e) {
        // 4, not 3: batch exits 3 when some of its tasks failed.
        std::cerr << "greengauge: internal error: " << gg::cli::one_line(e.what()) << "\n";
        return 4;
    }
    return gg::cli::exit_code();
}
