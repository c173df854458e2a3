// nlohmann/json's lexer as the package ships it, for tests/cpp/json_lexer_test.cpp. CMake compiles
// this file with build/include/upstream ahead of the staged copy, and JSON_DIAGNOSTICS puts these
// classes in another inline namespace (json_abi_diag_v3_11_2) than the staged copy's, so the two
// lexers live side by side in one binary. JSON_DIAGNOSTICS adds nothing to a syntax error's
// message (it describes where a value sits in a document, and a syntax error has none).
#define JSON_DIAGNOSTICS 1
#include <nlohmann/json.hpp>

#ifdef BROADSHEET_JSON_LEXER_CHANGED
#error "compile this file with build/include/upstream ahead of build/include (CMakeLists.txt)"
#endif

#define BROADSHEET_LEXER_DUMP upstream_lexer_dump
#include "json_lexer_dump.inc"
