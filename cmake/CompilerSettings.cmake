# Warnings for our own code; JUCE's headers are included as system headers so they stay quiet.
add_library(moodboard_warnings INTERFACE)
target_compile_options(moodboard_warnings INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                                    -Wno-missing-field-initializers)
# GCC notes that 32-byte vectors are passed differently with and without AVX. The analysis uses
# them only inside functions built for both (Audio/Vectors.h), never across a library boundary.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(moodboard_warnings INTERFACE -Wno-psabi)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(CMAKE_C_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

if(MOODBOARD_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
