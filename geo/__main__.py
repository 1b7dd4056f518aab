from geo.cli import main

main()
