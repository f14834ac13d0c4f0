# Writes templates/* into a C++ source as raw strings, so that an installed
# binary carries its templates; $REMISSKOLL_TEMPLATES can still point at a
# folder of edited copies (query/render.cpp).
# Usage: cmake -DTEMPLATE_DIR=<dir> -DOUT=<file.cpp> -P embed_templates.cmake
file(GLOB template_files "${TEMPLATE_DIR}/*.html" "${TEMPLATE_DIR}/*.md" "${TEMPLATE_DIR}/*.xml"
     "${TEMPLATE_DIR}/*.css")
list(SORT template_files)
set(body "// Generated from templates/* by query/embed_templates.cmake: do not edit.\n")
string(APPEND body "#include \"query/render.hh\"\n\nnamespace rk {\n\n")
string(APPEND body "const std::map<std::string, std::string_view>& embedded_templates() {\n")
string(APPEND body "  static const std::map<std::string, std::string_view> all = {\n")
foreach(path IN LISTS template_files)
  get_filename_component(name "${path}" NAME)
  file(READ "${path}" content)
  string(FIND "${content}" ")rktpl\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${path} contains the raw-string delimiter )rktpl\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"rktpl(${content})rktpl\"},\n")
endforeach()
string(APPEND body "  };\n  return all;\n}\n\n}  // namespace rk\n")
# Rewrite only on change so that a reconfigure does not force a rebuild.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL body)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${body}")
