#pragma once
// Checksums of inputs: the SHA-256 of a file's bytes (run records) or of a text (batch task
// keys), and a quick fingerprint of a file (size and modification time) for inputs too large to
// hash at every batch start.
#include <string>

namespace gg {

// The SHA-256 of a file's bytes as 64 lowercase hex digits, streamed in chunks (memory does not
// grow with the file). For a shapefile, hash each sidecar (.shp, .shx, .dbf, .prj, .cpg) in turn.
// Throws gg::Error naming the file when it cannot be read.
std::string sha256_file(const std::string& path);

// The SHA-256 of `text` as 64 lowercase hex digits.
std::string sha256_text(const std::string& text);

// "<size> <modification time in ns>" of a file, the quick check make and rsync rely on: an
// input rewritten in place gets a new one. Throws gg::Error naming the file when it is missing.
std::string file_fingerprint(const std::string& path);

}  // namespace gg
