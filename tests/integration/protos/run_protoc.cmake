# Runs protoc with the C++ and gRPC C++ generators over every v1 proto into a fresh directory and checks
# that each proto produced its four files. Invoked by CTest:
#   cmake -DPROTOC=… -DGRPC_CPP_PLUGIN=… -DPROTO_ROOT=… -DOUT_DIR=… -P run_protoc.cmake
foreach(var PROTOC GRPC_CPP_PLUGIN PROTO_ROOT OUT_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_protoc.cmake: -D${var}=… is required")
  endif()
endforeach()

file(GLOB protos RELATIVE "${PROTO_ROOT}" "${PROTO_ROOT}/otter/v1/*.proto")
list(SORT protos)
list(LENGTH protos count)
if(count EQUAL 0)
  message(FATAL_ERROR "no .proto files under ${PROTO_ROOT}/otter/v1")
endif()

file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")

# --fatal_warnings: an unused import or similar is a broken contract too.
execute_process(
  COMMAND "${PROTOC}" --fatal_warnings "-I${PROTO_ROOT}"
          "--cpp_out=${OUT_DIR}" "--grpc_out=${OUT_DIR}" "--plugin=protoc-gen-grpc=${GRPC_CPP_PLUGIN}"
          ${protos}
  WORKING_DIRECTORY "${PROTO_ROOT}"
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT "${err}" STREQUAL "")
  message(FATAL_ERROR "protoc failed (exit ${rc}):\n${out}${err}")
endif()

foreach(proto IN LISTS protos)
  string(REGEX REPLACE "\\.proto$" "" stem "${proto}")
  foreach(ext .pb.h .pb.cc .grpc.pb.h .grpc.pb.cc)
    if(NOT EXISTS "${OUT_DIR}/${stem}${ext}")
      message(FATAL_ERROR "protoc did not produce ${stem}${ext}")
    endif()
  endforeach()
endforeach()
message(STATUS "protoc generated C++ and gRPC C++ code for ${count} protos in ${OUT_DIR}")
