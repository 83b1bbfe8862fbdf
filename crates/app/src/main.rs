//! The site's entry point, built by trunk (`index.html`: `data-bin="goscope-web"`).
//! Everything lives in the `app` library so that browser tests can mount the same App.

fn main() {
    app::start();
}
