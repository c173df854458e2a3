// Helpers shared by the doctest files.
#ifndef BROADSHEET_TEST_SUPPORT_H
#define BROADSHEET_TEST_SUPPORT_H

#include <fstream>
#include <sstream>
#include <string>

namespace test_support {

// Reads a file relative to the source tree (fixtures are shared with the JS tests).
inline std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(BROADSHEET_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace test_support

#endif  // BROADSHEET_TEST_SUPPORT_H
