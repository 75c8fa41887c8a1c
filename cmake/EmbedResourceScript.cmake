# Writes the bytes of INPUT as a C++ array so that any text (quotes, backslashes, long lines) embeds.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hexLength)
math(EXPR byteCount "${hexLength} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)"
       "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
     "namespace moodboard::resources {\nstatic const unsigned char ${SYMBOL}Bytes[] = {\n${bytes}0};\n"
     "std::string_view ${SYMBOL}()\n{\n    return { reinterpret_cast<const char*> (${SYMBOL}Bytes), ${byteCount} };\n}\n}\n")
