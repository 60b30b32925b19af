#pragma once

#include "pen_bindgen/frontend/parser.hpp"

#include <iosfwd>

namespace pen_bindgen::cli {

// Header trees and -j, --jobs: several headers are split into a fixed number of groups (by their
// real paths, never by `jobs`), each group parsed as one translation unit by
// frontend::parse_headers (its own CXIndex), `jobs` threads taking the groups in turn; a group
// with errors is parsed again header by header. The results are merged so that the library never
// depends on `jobs` or on which thread parsed what: declarations and records that several
// translation units see (through includes, or as neighbours in the library's directory) are kept
// once (records: a translation unit whose own header defines them wins), locations in the given
// headers are spelled as given, declarations are ordered by header (in the given order), then
// line and column, records likewise, and files_read is sorted. A single header is parsed as is.
//
// `progress`, when not null (stderr on a terminal), gets a `\r[4/12] parsing include/foo.h and 1
// more` line (headers taken so far, the group just taken) that is cleared at the end.
frontend::ParseResult parse_in_parallel(const frontend::ParseOptions& options, unsigned jobs,
                                        std::ostream* progress);

} // namespace pen_bindgen::cli
