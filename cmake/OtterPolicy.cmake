# Project policy in one INTERFACE target: every Otter library and executable links otter_policy.
add_library(otter_policy INTERFACE)
target_compile_features(otter_policy INTERFACE cxx_std_20)
target_compile_options(otter_policy INTERFACE -Wall -Wextra -Wnon-virtual-dtor -Wshadow=local)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # Clang's -Wshadow family is spelled differently.
  target_compile_options(otter_policy INTERFACE -Wno-unknown-warning-option)
endif()
target_compile_definitions(otter_policy INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_FOREACH
)
# Sources include each other by layer path ("core/manifest.h"); generated headers live in the build tree.
target_include_directories(otter_policy INTERFACE ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/generated)
