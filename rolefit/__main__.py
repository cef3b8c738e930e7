from rolefit.cli import main

main()
