# cx_module(NAME <name> SOURCES <src...> [PUBLIC_DEPS <targets...>] [PRIVATE_DEPS <targets...>])
#
# Declares one engine or layer module as library target cx_<name> with alias cx::<name>.
# Public headers live in include/cx/<name>/, sources in src/. Dependencies are listed
# explicitly so the module map's one-way direction is visible in the build.
function(cx_module)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  set(target cx_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(cx::${ARG_NAME} ALIAS ${target})
  target_include_directories(${target}
    PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC cx_cxx_flags ${ARG_PUBLIC_DEPS}
                                  PRIVATE cx_warnings ${ARG_PRIVATE_DEPS})

  # Every public header must compile on its own: one generated source per header, each
  # including only that header, built as part of the normal build.
  file(GLOB headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/include/cx/${ARG_NAME}/*.hpp)
  set(checks)
  foreach(header IN LISTS headers)
    get_filename_component(stem ${header} NAME_WE)
    set(check ${CMAKE_CURRENT_BINARY_DIR}/header_check/${stem}.cpp)
    file(CONFIGURE OUTPUT ${check} CONTENT "#include \"cx/${ARG_NAME}/${stem}.hpp\"\n")
    list(APPEND checks ${check})
  endforeach()
  if(checks)
    add_library(${target}_header_check OBJECT ${checks})
    target_link_libraries(${target}_header_check PRIVATE ${target} cx_warnings)
  endif()
endfunction()
