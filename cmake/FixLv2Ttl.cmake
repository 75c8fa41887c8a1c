# Corrects the statements in JUCE 7.0.5's generated LV2 data that the LV2 specification's own
# vocabulary rejects (lv2_validate), and nothing else. Run after JUCE's helper has written the
# bundle's .ttl files: cmake -DBUNDLE=<path>/MusicMoodboard.lv2 -P FixLv2Ttl.cmake
#
# - dsp.ttl: the plugin carries doap:maintainer and doap:release, whose domain is doap:Project;
#   the plugin is said to be a doap:Project too, which is what LV2's own examples do.
# - ui.ttl: ui:noUserResize is a feature, not extension data, and our editor is resizable (the
#   file already names ui:resize), so it is dropped from lv2:extensionData; opts:interface is
#   extension data, not a feature, so it is dropped from lv2:optionalFeature (it stays in
#   lv2:extensionData, where hosts look for it).
# - manifest.ttl: the presets store the program number under JUCE's "Program" property, which
#   nothing defines; a definition with a label is added. The presets themselves are unchanged.
#
# Each step checks that the text it corrects is there and that the correction is not, so a second
# run changes nothing and a JUCE that writes different data makes the build fail here, loudly.

if(NOT BUNDLE OR NOT IS_DIRECTORY "${BUNDLE}")
    message(FATAL_ERROR "FixLv2Ttl: BUNDLE must name the .lv2 folder (got '${BUNDLE}')")
endif()

# Replaces old by new in file, unless the file already holds done (the mark of an earlier run).
function(moodboard_fix_ttl file old new done)
    file(READ "${file}" text)
    string(FIND "${text}" "${done}" already)
    if(NOT already EQUAL -1)
        return()
    endif()
    string(FIND "${text}" "${old}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "FixLv2Ttl: ${file} does not contain the expected text:\n${old}\n"
                            "JUCE's LV2 output changed; check lv2_validate and update this script.")
    endif()
    string(REPLACE "${old}" "${new}" text "${text}")
    file(WRITE "${file}" "${text}")
endfunction()

set(tab "\t")

moodboard_fix_ttl("${BUNDLE}/dsp.ttl"
    "${tab}a lv2:Plugin ;\n"
    "${tab}a lv2:Plugin , doap:Project ;\n"
    "doap:Project")

# Both lists are matched whole, so only the two wrong entries go and the rest keep their order.
moodboard_fix_ttl("${BUNDLE}/ui.ttl"
    "${tab}${tab}opts:interface ,\n${tab}${tab}ui:noUserResize ,\n${tab}${tab}ui:resize ;\n"
    "${tab}${tab}opts:interface ,\n${tab}${tab}ui:resize ;\n"
    "${tab}${tab}opts:interface ,\n${tab}${tab}ui:resize ;\n")
moodboard_fix_ttl("${BUNDLE}/ui.ttl"
    "${tab}${tab}ui:resize ,\n${tab}${tab}opts:interface ,\n${tab}${tab}opts:options ;\n"
    "${tab}${tab}ui:resize ,\n${tab}${tab}opts:options ;\n"
    "${tab}${tab}ui:resize ,\n${tab}${tab}opts:options ;\n")

# The property's URI is the plugin's URI with ":Program", as JUCE's wrapper spells it; the
# definition goes once after the last preset, whatever the number of programs.
file(READ "${BUNDLE}/manifest.ttl" manifest)
string(REGEX MATCH "<[^>]+:Program>" program "${manifest}")
if(program)
    string(CONCAT definition "${manifest}" "${program}\n"
        "${tab}a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Property> ;\n"
        "${tab}rdfs:label \"Program\" ;\n"
        "${tab}rdfs:comment \"The program a preset selects, as its index.\" ;\n"
        "${tab}rdfs:range xsd:int .\n")
    moodboard_fix_ttl("${BUNDLE}/manifest.ttl" "${manifest}" "${definition}"
        "rdfs:label \"Program\"")
endif()
