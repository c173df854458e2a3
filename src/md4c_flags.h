/* broadsheet — the md4c parser flags broadsheet parses with. Shared by the Markdown renderer
 * (markdown.cpp passes them to md_parse) and the md4c build (md4c_unit.c compiles away the code of
 * every other flag, so adding one here is what turns its code back on). C and C++. */
#ifndef BROADSHEET_MD4C_FLAGS_H
#define BROADSHEET_MD4C_FLAGS_H

#include <md4c.h>

#define BROADSHEET_MD_FLAGS \
  (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS)

#endif /* BROADSHEET_MD4C_FLAGS_H */
