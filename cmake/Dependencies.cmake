find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3 CONFIG REQUIRED)
find_package(CURL REQUIRED)
find_package(SQLite3 REQUIRED)
pkg_check_modules(TAGLIB REQUIRED IMPORTED_TARGET taglib)
pkg_check_modules(LIBSECRET REQUIRED IMPORTED_TARGET libsecret-1)
pkg_check_modules(OPENSSL REQUIRED IMPORTED_TARGET libcrypto)
# libjpeg-turbo: the playlist cover is rendered and encoded in the core, without a GUI toolkit.
find_package(JPEG REQUIRED)

# hnswlib is header-only and ships no CMake config.
find_path(HNSWLIB_INCLUDE_DIR hnswlib/hnswlib.h REQUIRED)
add_library(hnswlib::hnswlib INTERFACE IMPORTED)
target_include_directories(hnswlib::hnswlib SYSTEM INTERFACE "${HNSWLIB_INCLUDE_DIR}")

# JUCE: Debian's package first. Its config accepts only its exact version, so it is found without
# one and checked here. The JUCE/ submodule is used only when it holds a checkout.
if(EXISTS "${CMAKE_SOURCE_DIR}/JUCE/CMakeLists.txt")
    add_subdirectory("${CMAKE_SOURCE_DIR}/JUCE" JUCE EXCLUDE_FROM_ALL)
    set(MOODBOARD_JUCE_SOURCE "submodule")
else()
    find_package(JUCE CONFIG REQUIRED)
    if(JUCE_VERSION VERSION_LESS 7.0.5)
        message(FATAL_ERROR "JUCE 7.0.5 or newer is needed, found ${JUCE_VERSION}")
    endif()
    set(MOODBOARD_JUCE_SOURCE "system ${JUCE_VERSION}")
endif()
message(STATUS "Music Moodboard: JUCE from ${MOODBOARD_JUCE_SOURCE}")

# Debian's JUCE uses the system codecs but its CMake config does not link them.
pkg_check_modules(JUCE_CODECS REQUIRED IMPORTED_TARGET zlib flac vorbis vorbisenc vorbisfile ogg)
# MPEG audio is decoded with libmpg123 instead of JUCE's MP3 reader (see AudioIO/Mpg123Stream.h).
pkg_check_modules(MPG123 REQUIRED IMPORTED_TARGET libmpg123)

if(MOODBOARD_BUILD_TESTS)
    find_package(Catch2 2 CONFIG REQUIRED)
    include(Catch)
endif()
