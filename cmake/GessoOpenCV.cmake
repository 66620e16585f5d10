# Debian's libopencv-{core,imgproc,imgcodecs}-dev ship headers and libraries but no CMake config
# (that comes only with the full libopencv-dev). Build the imported target gesso::opencv by hand.
find_path(GESSO_OPENCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
add_library(gesso_opencv INTERFACE)
target_include_directories(gesso_opencv SYSTEM INTERFACE "${GESSO_OPENCV_INCLUDE_DIR}")
foreach(part core imgproc imgcodecs)
  find_library(GESSO_OPENCV_${part} opencv_${part} REQUIRED)
  target_link_libraries(gesso_opencv INTERFACE "${GESSO_OPENCV_${part}}")
endforeach()
add_library(gesso::opencv ALIAS gesso_opencv)
