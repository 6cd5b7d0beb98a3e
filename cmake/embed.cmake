# Embeds text files (SQL migrations, JSON Schemas, OpenAPI, templates) into a
# generated C++ source, so the binary carries everything it needs.
function(samrad_embed target out_name)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${out_name}.cpp)
  set(list_file ${CMAKE_CURRENT_BINARY_DIR}/${out_name}.files)
  file(WRITE ${list_file} "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${CMAKE_SOURCE_DIR} -DLIST=${list_file}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${ARGN} ${list_file} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${out_name}")
  target_sources(${target} PRIVATE ${out})
endfunction()
