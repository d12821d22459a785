const { src, dest } = require('gulp');

function copyImages() {
  return src('assets/images/**/*').pipe(dest('dist/images/'));
}

exports.default = copyImages;
