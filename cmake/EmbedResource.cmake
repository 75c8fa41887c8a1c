# moodboard_embed_text(<target> <symbol> <file>): compiles the text of <file> into <target> as
# `std::string_view <symbol>()` in namespace moodboard::resources, so the program needs no
# resource folder at run time.
function(moodboard_embed_text target symbol file)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp")
    add_custom_command(
        OUTPUT "${out}"
        COMMAND "${CMAKE_COMMAND}" -DINPUT=${file} -DOUTPUT=${out} -DSYMBOL=${symbol}
                -P "${PROJECT_SOURCE_DIR}/cmake/EmbedResourceScript.cmake"
        DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/EmbedResourceScript.cmake"
        COMMENT "Embedding ${file}")
    target_sources(${target} PRIVATE "${out}")
endfunction()
