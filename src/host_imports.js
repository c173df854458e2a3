// broadsheet — tells Emscripten's linker that the module imports bs_format from its host
// (src/language.h). The function itself is web/core.js's; nothing of this file is emitted.
mergeInto(LibraryManager.library, {
  bs_format: function () {},
});
